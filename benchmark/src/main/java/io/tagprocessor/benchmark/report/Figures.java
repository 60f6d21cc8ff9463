package io.tagprocessor.benchmark.report;

import io.tagprocessor.benchmark.limits.LimitResult;
import io.tagprocessor.benchmark.probe.Usage;
import io.tagprocessor.benchmark.scenario.BacklogResult;
import io.tagprocessor.benchmark.scenario.LatencyResult;
import io.tagprocessor.benchmark.scenario.Mode;
import io.tagprocessor.benchmark.workload.GeneratedCommand;
import io.tagprocessor.benchmark.workload.Workload;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
                .with("until_relay_send_p50_ms", LatencyResult.percentileMillis(r.untilRelaySendMicros(), 50), 1)
                .with("until_relay_send_p99_ms", LatencyResult.percentileMillis(r.untilRelaySendMicros(), 99), 1)
                .with("after_relay_send_p50_ms", LatencyResult.percentileMillis(r.afterRelaySendMicros(), 50), 1)
                .with("after_relay_send_p99_ms", LatencyResult.percentileMillis(r.afterRelaySendMicros(), 99), 1)
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
                .with("service_jit_cores", perWall(usage.serviceJitCpuSeconds(), usage), 2)
                .with("postgres_cores", perWall(usage.postgresCpuSeconds(), usage), 2)
                .with("broker_cores", perWall(usage.brokerCpuSeconds(), usage), 2)
                .with("benchmark_cores", perWall(usage.benchmarkCpuSeconds(), usage), 2)
                .with("host_busy_pct", usage.hostBusyPercent(), 0)
                .with("max_lag", usage.maxLag());
    }

    private static double perWall(double cpuSeconds, Usage usage) {
        return usage.wallSeconds() == 0 ? 0 : cpuSeconds / usage.wallSeconds();
    }

    /** The backlog's mix, and how many of its commands cause events. */
    public static Line workload(List<GeneratedCommand> backlog) {
        long effective = backlog.stream().filter(GeneratedCommand::causesEvent).count();
        return new Line()
                .with("mode", "none")
                .with("scenario", "workload")
                .with("commands", backlog.size())
                .with("entities", Workload.ENTITIES)
                .with("tags", Workload.TAGS)
                .with("assign", count(backlog, "TagAssigned"))
                .with("unassign", count(backlog, "TagUnassigned"))
                .with("replace", count(backlog, "EntityTagsReplaced"))
                .with("define", count(backlog, "TagDefined"))
                .with("commands_with_effect", effective);
    }

    /** Throughputs side by side: batch, two instances and their scale factor, baseline, limits. */
    public static Line summary(List<BacklogResult> backlogs, List<LimitResult> limits, boolean placeholder) {
        Optional<BacklogResult> batch = backlog(backlogs, Mode.BATCH);
        Optional<BacklogResult> simple = backlog(backlogs, Mode.SIMPLE);
        Optional<BacklogResult> pair = backlog(backlogs, Mode.PAIR);
        Line line = new Line().with("mode", "none").with("scenario", "summary");
        batch.ifPresent(b -> line.with("batch_cps", b.throughput(), 0));
        pair.ifPresent(p -> line.with("pair_cps", p.throughput(), 0));
        if (batch.isPresent() && pair.isPresent() && batch.get().throughput() > 0) {
            line.with("scale_factor", pair.get().throughput() / batch.get().throughput(), 2);
        }
        simple.ifPresent(s -> line.with("simple_cps", s.throughput(), 0));
        if (batch.isPresent() && simple.isPresent() && simple.get().throughput() > 0) {
            line.with("speedup", batch.get().throughput() / simple.get().throughput(), 2);
            line.with("baseline_placeholder", placeholder);
        }
        Optional<LimitResult> lowest = limits.stream().min(Comparator.comparingDouble(LimitResult::commandsPerSecond));
        lowest.ifPresent(l -> line.with("limit", l.name()).with("limit_cps", l.commandsPerSecond(), 0));
        if (batch.isPresent() && lowest.isPresent()) {
            line.with(
                    "fraction_of_limit", batch.get().throughput() / lowest.get().commandsPerSecond(), 3);
        }
        return line;
    }

    private static Optional<BacklogResult> backlog(List<BacklogResult> backlogs, Mode mode) {
        return backlogs.stream().filter(b -> b.mode() == mode).findFirst();
    }

    private static long count(List<GeneratedCommand> backlog, String payloadType) {
        return backlog.stream()
                .filter(c -> c.command().getPayload().getClass().getSimpleName().equals(payloadType))
                .count();
    }
}
