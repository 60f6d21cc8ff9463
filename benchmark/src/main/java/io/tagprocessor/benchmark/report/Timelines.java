package io.tagprocessor.benchmark.report;

import io.tagprocessor.benchmark.probe.Sample;
import io.tagprocessor.benchmark.scenario.BacklogResult;
import io.tagprocessor.benchmark.scenario.LatencyResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Second-by-second series: commands per second (from the drop of the consumer group's lag, i.e.
 * committed commands, with or without an event), lag, and the service's CPU and memory while a
 * backlog drains; latency percentiles per second at each offered rate. Written as CSV next to the plot.
 */
public final class Timelines {

    private Timelines() {}

    /** Point i: (seconds since launch, commands committed per second since the previous sample). */
    public static List<double[]> commandsPerSecond(List<Sample> samples) {
        List<double[]> points = new ArrayList<>();
        Sample previous = null;
        for (Sample sample : samples) {
            if (previous != null && previous.lag() >= 0 && sample.lag() >= 0) {
                double dt = sample.seconds() - previous.seconds();
                double rate = Math.max(0, previous.lag() - sample.lag()) / dt;
                points.add(new double[] {sample.seconds(), rate});
            }
            previous = sample;
        }
        return points;
    }

    public static void writeBacklog(Path file, BacklogResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("seconds,lag,commands_per_s,service_cpu_cores,service_rss_mb,postgres_cpu_cores,broker_cpu_cores");
        Sample previous = null;
        for (Sample sample : result.samples()) {
            if (previous != null) {
                double dt = sample.seconds() - previous.seconds();
                lines.add(String.format(
                        Locale.ROOT,
                        "%.1f,%d,%.0f,%.2f,%.0f,%.2f,%.2f",
                        sample.seconds(),
                        sample.lag(),
                        previous.lag() >= 0 && sample.lag() >= 0 ? Math.max(0, previous.lag() - sample.lag()) / dt : 0,
                        (sample.serviceCpu() - previous.serviceCpu()) / dt,
                        sample.serviceRssKb() / 1024.0,
                        (sample.postgresCpu() - previous.postgresCpu()) / dt,
                        (sample.brokerCpu() - previous.brokerCpu()) / dt));
            }
            previous = sample;
        }
        write(file, lines);
    }

    public static void writeLatency(Path file, List<LatencyResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("offered_cps,second,events,p50_ms,p99_ms,max_ms");
        for (LatencyResult result : results) {
            for (Map.Entry<Integer, Histogram> second : result.latencyBySecond().entrySet()) {
                Histogram h = second.getValue();
                lines.add(String.format(
                        Locale.ROOT,
                        "%d,%d,%d,%.2f,%.2f,%.2f",
                        result.offeredRate(),
                        second.getKey(),
                        h.getTotalCount(),
                        h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0,
                        h.getMaxValue() / 1000.0));
            }
        }
        write(file, lines);
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
