package io.tagprocessor.benchmark.scenario;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service's own count of commands by outcome, read from {@code tag_processor_commands_total}
 * in its Prometheus scrape: the cross-check of the events the benchmark counted.
 */
public record Outcomes(Map<String, Long> byOutcome) {

    private static final Pattern COUNTER = Pattern.compile(
            "^tag_processor_commands_total\\{[^}]*outcome=\"([^\"]+)\"[^}]*}\\s+([0-9.eE+]+)", Pattern.MULTILINE);

    public static Outcomes parse(String prometheus) {
        Map<String, Long> counts = new TreeMap<>();
        Matcher m = COUNTER.matcher(prometheus);
        while (m.find()) {
            counts.merge(m.group(1).toLowerCase(Locale.ROOT), (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return new Outcomes(counts);
    }

    public long get(String outcome) {
        return byOutcome.getOrDefault(outcome, 0L);
    }

    public long total() {
        return byOutcome.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code applied:123,no_effect:45}, or {@code unknown} when the scrape had none. */
    public String summary() {
        if (byOutcome.isEmpty()) {
            return "unknown";
        }
        return byOutcome.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
