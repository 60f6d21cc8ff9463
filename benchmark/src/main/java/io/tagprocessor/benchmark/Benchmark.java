package io.tagprocessor.benchmark;

import io.tagprocessor.benchmark.limits.KafkaLimit;
import io.tagprocessor.benchmark.limits.LimitResult;
import io.tagprocessor.benchmark.limits.PostgresLimit;
import io.tagprocessor.benchmark.probe.Usage;
import io.tagprocessor.benchmark.report.Figures;
import io.tagprocessor.benchmark.report.Line;
import io.tagprocessor.benchmark.report.Plot;
import io.tagprocessor.benchmark.report.Report;
import io.tagprocessor.benchmark.report.Timelines;
import io.tagprocessor.benchmark.scenario.BacklogResult;
import io.tagprocessor.benchmark.scenario.BacklogScenario;
import io.tagprocessor.benchmark.scenario.LatencyResult;
import io.tagprocessor.benchmark.scenario.LatencyScenario;
import io.tagprocessor.benchmark.scenario.Mode;
import io.tagprocessor.benchmark.scenario.ServiceRun;
import io.tagprocessor.benchmark.stack.Backlogs;
import io.tagprocessor.benchmark.stack.BenchmarkPostgres;
import io.tagprocessor.benchmark.stack.Producers;
import io.tagprocessor.benchmark.stack.Registry;
import io.tagprocessor.benchmark.workload.CommandEncoder;
import io.tagprocessor.benchmark.workload.EncodedCommand;
import io.tagprocessor.benchmark.workload.GeneratedCommand;
import io.tagprocessor.benchmark.workload.Workload;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the benchmark: starts the broker, the registry and fresh databases, pre-loads the backlog,
 * measures the limits of the machine, then the service in batch mode (backlog, then latency at each
 * offered rate) and in simple mode (the baseline backlog), and prints one {@code bench:} line per
 * figure. All in one invocation so that ratios hold on a noisy machine.
 */
public final class Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);

    private final Options options;
    private final Report report;
    private final List<BacklogResult> backlogs = new ArrayList<>();
    private final List<LatencyResult> latencies = new ArrayList<>();
    private final List<LimitResult> limits = new ArrayList<>();

    private Benchmark(Options options) {
        this.options = options;
        this.report = new Report(options.results());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        new Benchmark(options).run();
        System.exit(0);
    }

    private void run() {
        ServiceJar.require(options.serviceJar());
        boolean placeholder = !ServiceJar.offersSimpleMode(options.serviceJar());
        Path logs = options.results().resolve("logs");
        try (BenchmarkPostgres postgres = BenchmarkPostgres.open(options.postgres(), options.composeFile(), logs);
                Stack stack = Stack.start(logs, postgres.server(), options.brokerJavaOptions())) {
            try (PostgresDatabase probe = stack.newDatabase("bench_machine")) {
                report.print(Machine.describe("standalone", postgres.kind(), probe));
            }
            Workload workload = new Workload(options.seed());
            List<GeneratedCommand> backlog = workload.next(options.backlog());
            report.print(Figures.workload(backlog));
            CommandEncoder encoder = new CommandEncoder(Registry.client(stack));
            ServiceTopics topics = ServiceTopics.defaults().withPartitions(options.partitions());
            ServiceTopics batchTopics = topics.prefixed(Mode.BATCH.topicPrefix());
            ServiceTopics simpleTopics = topics.prefixed(Mode.SIMPLE.topicPrefix());
            ServiceTopics pairTopics = topics.prefixed(Mode.PAIR.topicPrefix());
            List<EncodedCommand> batchBacklog = encoder.encode(batchTopics.commands(), backlog);
            if (options.runs("batch") || options.runs("latency")) {
                load(stack, batchTopics, batchBacklog);
            }
            if (options.runs("pair")) {
                load(stack, pairTopics, encoder.encode(pairTopics.commands(), backlog));
            }
            if (options.runs("baseline")) {
                load(stack, simpleTopics, encoder.encode(simpleTopics.commands(), backlog));
            }
            if (options.runs("limits")) {
                measureLimits(stack, backlog, batchBacklog);
            }
            if (options.runs("batch") || options.runs("latency")) {
                runBatch(stack, workload, encoder, batchTopics, backlog);
            }
            if (options.runs("pair")) {
                runBacklog(stack, Mode.PAIR, pairTopics, backlog, options.backlogTimeLimit(), false);
            }
            if (options.runs("baseline")) {
                runBacklog(stack, Mode.SIMPLE, simpleTopics, backlog, options.baselineTimeLimit(), placeholder);
            }
            summarize(placeholder);
        } finally {
            report.save();
        }
    }

    /** Pre-loads the backlog (see {@link Backlogs#load}) and reports how long that took. */
    private void load(Stack stack, ServiceTopics topics, List<EncodedCommand> commands) {
        double seconds = Backlogs.load(stack, topics, commands);
        report.print(new Line()
                .with("mode", "none")
                .with("scenario", "load")
                .with("topic", topics.commands())
                .with("commands", commands.size())
                .with("seconds", seconds, 2)
                .with("produce_cps", commands.size() / seconds, 0));
    }

    private void measureLimits(Stack stack, List<GeneratedCommand> backlog, List<EncodedCommand> records) {
        log.info("phase=limits");
        limits.add(KafkaLimit.run(stack, options.partitions(), records));
        report.print(Figures.limit(limits.get(limits.size() - 1)));
        limits.add(PostgresLimit.run(stack, options.migrations(), backlog));
        report.print(Figures.limit(limits.get(limits.size() - 1)));
    }

    private void runBatch(
            Stack stack,
            Workload workload,
            CommandEncoder encoder,
            ServiceTopics topics,
            List<GeneratedCommand> backlog) {
        log.info("phase=batch commands={}", backlog.size());
        try (ServiceRun run = launch(stack, Mode.BATCH, topics)) {
            BacklogResult result =
                    BacklogScenario.run(run, stack.bootstrapServers(), backlog, options.backlogTimeLimit());
            backlogs.add(result);
            report.print(Figures.backlog(result, false));
            Timelines.writeBacklog(options.results().resolve("timeline-batch.csv"), result);
            if (!options.runs("latency")) {
                return;
            }
            measureIdle(run);
            try (KafkaProducer<byte[], byte[]> producer = Producers.prompt(stack.bootstrapServers())) {
                for (int rate : options.rates()) {
                    LatencyResult latency = LatencyScenario.measure(
                            run,
                            stack.bootstrapServers(),
                            producer,
                            count -> encoder.encode(topics.commands(), workload.next(count)),
                            rate,
                            options.warmup(),
                            options.rateDuration());
                    latencies.add(latency);
                    report.print(Figures.latency(Mode.BATCH.label(), latency));
                }
            }
            Timelines.writeLatency(options.results().resolve("latency-timeline.csv"), latencies);
        }
    }

    /** What the service burns with nothing to do: polling loops show up here, not in the latency lines. */
    private void measureIdle(ServiceRun run) {
        run.awaitCaughtUp(ServiceRun.CATCH_UP_LIMIT);
        double from = run.secondsSinceLaunch(System.nanoTime());
        LockSupport.parkNanos(IDLE_WINDOW.toNanos());
        run.sampler().sample();
        Usage idle = Usage.of(run.sampler().between(from, run.secondsSinceLaunch(System.nanoTime())));
        report.print(new Line()
                .with("mode", run.mode().label())
                .with("scenario", "idle")
                .with("seconds", idle.wallSeconds(), 1)
                .with("service_cores", idle.serviceCores(), 3)
                .with("host_busy_pct", idle.hostBusyPercent(), 0));
    }

    /** The backlog drained by two instances ({@link Mode#PAIR}) or by the baseline ({@link Mode#SIMPLE}). */
    private void runBacklog(
            Stack stack,
            Mode mode,
            ServiceTopics topics,
            List<GeneratedCommand> backlog,
            Duration timeLimit,
            boolean placeholder) {
        log.info("phase={} commands={} placeholder={}", mode.label(), backlog.size(), placeholder);
        try (ServiceRun run = launch(stack, mode, topics)) {
            BacklogResult result = BacklogScenario.run(run, stack.bootstrapServers(), backlog, timeLimit);
            backlogs.add(result);
            report.print(Figures.backlog(result, placeholder));
            Timelines.writeBacklog(options.results().resolve("timeline-" + mode.label() + ".csv"), result);
        }
    }

    private ServiceRun launch(Stack stack, Mode mode, ServiceTopics topics) {
        return ServiceRun.launch(stack, mode, topics, options.serviceJar(), options.serviceJavaOptions());
    }

    private void summarize(boolean placeholder) {
        report.print(Figures.summary(backlogs, limits, placeholder));
        if (!backlogs.isEmpty()) {
            Plot.write(options.results().resolve("benchmark.png"), backlogs, latencies);
        }
    }
}
