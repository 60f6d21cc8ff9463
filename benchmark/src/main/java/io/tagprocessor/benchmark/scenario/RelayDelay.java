package io.tagprocessor.benchmark.scenario;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's own view of where latency goes: {@code tag_processor_relay_delay_seconds}
 * quantiles (outbox row written to broker acknowledgement) from its Prometheus scrape. Micrometer
 * computes them over a rolling window of about two minutes, so they blur across phases; -1 when absent.
 */
public record RelayDelay(double p50Millis, double p99Millis) {

    public static RelayDelay parse(String prometheus) {
        return new RelayDelay(quantile(prometheus, "0.5"), quantile(prometheus, "0.99"));
    }

    private static double quantile(String prometheus, String quantile) {
        Pattern pattern = Pattern.compile(
                "^tag_processor_relay_delay_seconds\\{[^}]*quantile=\"" + Pattern.quote(quantile)
                        + "\"[^}]*}\\s+([0-9.eE+-]+|NaN)",
                Pattern.MULTILINE);
        Matcher m = pattern.matcher(prometheus);
        if (!m.find() || m.group(1).equals("NaN")) {
            return -1;
        }
        return Double.parseDouble(m.group(1)) * 1000;
    }
}
