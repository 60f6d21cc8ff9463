package io.tagprocessor.benchmark.report;

import io.tagprocessor.benchmark.limits.LimitResult;
import io.tagprocessor.benchmark.probe.Usage;
import io.tagprocessor.benchmark.scenario.BacklogResult;
import io.tagprocessor.benchmark.scenario.LatencyResult;

/** The figure lines of each measurement, with the same keys in every run. */
public final class Figures {

    private static final double KB_PER_MB = 1024.0;

    private Figures() {}

    public static Line backlog(BacklogResult r, boolean placeholder) {
        Line line = new Line()
                .with("mode", r.mode().label())
                .with("scenario", "backlog")
                .with("commands", r.commands())
                .with("seconds", r.lastEventSeconds(), 2)
                .with("throughput_cps", r.throughput(), 0)
                .with("complete", r.complete())
                .with("expected_event_commands", r.expectedCommands())
                .with("events", r.events())
                .with("ready_seconds", r.readySeconds(), 2)
                .with("first_event_seconds", r.firstEventSeconds(), 2)
                .with("drain_seconds", r.drainSeconds(), 2)
                .with("throughput_from_launch_cps", r.throughputFromLaunch(), 0)
                .with("lag_at_end", r.lagAtEnd())
                .with("outcomes", r.outcomes().summary());
        if (placeholder) {
            line.with("placeholder", true);
        }
        return usage(line, r.usage()).with("peak_rss_mb", r.peakRssKb() / KB_PER_MB, 0);
    }

    public static Line latency(String mode, LatencyResult r) {
        Line line = new Line()
                .with("mode", mode)
                .with("scenario", "latency")
                .with("offered_cps", r.offeredRate())
                .with("seconds", r.seconds(), 0)
                .with("commands", r.commands())
                .with("measured", r.measured())
                .with("missing", r.missing())
                .with("send_errors", r.sendErrors())
                .with("achieved_cps", r.achievedRate(), 0)
                .with("p50_ms", r.percentileMillis(50), 1)
                .with("p95_ms", r.percentileMillis(95), 1)
                .with("p99_ms", r.percentileMillis(99), 1)
                .with("max_ms", r.maxMillis(), 1)
                .with("relay_p50_ms", r.relayDelay().p50Millis(), 1)
                .with("relay_p99_ms", r.relayDelay().p99Millis(), 1);
        return usage(line, r.usage()).with("peak_rss_mb", r.peakRssKb() / KB_PER_MB, 0);
    }

    public static Line limit(LimitResult r) {
        return new Line()
                .with("mode", "none")
                .with("scenario", "limit_" + r.name())
                .with("commands", r.commands())
                .with("seconds", r.seconds(), 2)
                .with("throughput_cps", r.commandsPerSecond(), 0)
                .with("items", r.items())
                .with("items_per_s", r.itemsPerSecond(), 0)
                .with("mb", r.bytes() / (1024.0 * 1024.0), 1);
    }

    private static Line usage(Line line, Usage usage) {
        return line.with("service_cpu_seconds", usage.serviceCpuSeconds(), 1)
                .with("service_cores", usage.serviceCores(), 2)
                .with("postgres_cores", perWall(usage.postgresCpuSeconds(), usage), 2)
                .with("broker_cores", perWall(usage.brokerCpuSeconds(), usage), 2)
                .with("benchmark_cores", perWall(usage.benchmarkCpuSeconds(), usage), 2)
                .with("host_busy_pct", usage.hostBusyPercent(), 0)
                .with("max_lag", usage.maxLag());
    }

    private static double perWall(double cpuSeconds, Usage usage) {
        return usage.wallSeconds() == 0 ? 0 : cpuSeconds / usage.wallSeconds();
    }
}
