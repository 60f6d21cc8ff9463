package io.tagprocessor.benchmark.scenario;

import io.tagprocessor.benchmark.probe.Usage;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency at one offered rate: {@code latencyMicros} holds, per command that changed something,
 * the time from its scheduled send to its first event at the subscriber. {@code missing} counts
 * commands whose event had not arrived when the scenario stopped waiting; {@code latencyBySecond}
 * is keyed by seconds since the first scheduled send; {@code untilRelaySendMicros} and
 * {@code afterRelaySendMicros} split each latency at the event's record timestamp (the relay's send);
 * {@code relayDelay} is the service's own figure for the outbox-to-broker part.
 */
public record LatencyResult(
        int offeredRate,
        double seconds,
        int commands,
        long measured,
        long missing,
        long sendErrors,
        double achievedRate,
        Histogram latencyMicros,
        Map<Integer, Histogram> latencyBySecond,
        Histogram untilRelaySendMicros,
        Histogram afterRelaySendMicros,
        Usage usage,
        long peakRssKb,
        RelayDelay relayDelay) {

    public double percentileMillis(double percentile) {
        return percentileMillis(latencyMicros, percentile);
    }

    public static double percentileMillis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }
}
