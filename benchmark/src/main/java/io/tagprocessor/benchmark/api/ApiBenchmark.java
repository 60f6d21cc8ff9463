package io.tagprocessor.benchmark.api;

import io.tagprocessor.benchmark.CommandLine;
import io.tagprocessor.benchmark.probe.ProcStat;
import io.tagprocessor.benchmark.report.Line;
import io.tagprocessor.benchmark.report.Report;
import io.tagprocessor.benchmark.stack.BenchmarkPostgres;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.ServiceProcess;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.Stack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read API benchmark, a separate entry point of the benchmark module: launches the packaged
 * service (on the standalone broker and the registry, like the main benchmark) on a fresh database,
 * fills it with 1,000,000 assignments ({@link ApiDataset}), then asks each endpoint {@code --requests}
 * times after {@code --warmup} unmeasured requests and prints one line per endpoint:
 * {@code bench: mode=api scenario=<endpoint> requests=… p50_ms=… p95_ms=… p99_ms=… max_ms=…}, with the
 * service's CPU and the whole host's busy share over the measurement (other work on a shared machine
 * shows there).
 * <pre>java -cp benchmark/target/benchmark.jar io.tagprocessor.benchmark.api.ApiBenchmark</pre>
 */
public final class ApiBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ApiBenchmark.class);
    private static final Duration READY_LIMIT = Duration.ofMinutes(3);

    private ApiBenchmark() {}

    private static final Set<String> OPTIONS = Set.of(
            "tags", "entities", "tags-per-entity", "requests", "warmup", "seed", "service-jar", "postgres", "results");

    public static void main(String[] args) throws SQLException {
        ApiDataset dataset;
        try {
            CommandLine.refuseUnknown(args, OPTIONS, Set.of());
            dataset = new ApiDataset(
                    Integer.parseInt(CommandLine.value(args, "tags", "10000")),
                    Integer.parseInt(CommandLine.value(args, "entities", "100000")),
                    Integer.parseInt(CommandLine.value(args, "tags-per-entity", "10")));
        } catch (IllegalArgumentException e) {
            System.err.println("api benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        Properties built = CommandLine.builtIn();
        int requests = Integer.parseInt(CommandLine.value(args, "requests", "5000"));
        int warmup = Integer.parseInt(CommandLine.value(args, "warmup", "2000"));
        long seed = Long.parseLong(CommandLine.value(args, "seed", "20260505"));
        Path jar = Path.of(CommandLine.value(args, "service-jar", built.getProperty("service.jar")));
        Path results = Path.of(CommandLine.value(args, "results", built.getProperty("results.dir")))
                .resolve("api")
                .normalize();
        Report report = new Report(results);
        Path logs = results.resolve("logs");
        try (BenchmarkPostgres postgres = BenchmarkPostgres.open(
                        CommandLine.value(args, "postgres", BenchmarkPostgres.OWN),
                        Path.of(built.getProperty("compose.file")),
                        logs);
                Stack stack = Stack.start(logs, postgres.server())) {
            PostgresDatabase database = stack.newDatabase("bench_api");
            try (ServiceProcess service = launch(stack, database, jar)) {
                run(report, stack, database, service, dataset, requests, warmup, seed);
            }
        } finally {
            report.save();
        }
        System.exit(0);
    }

    private static void run(
            Report report,
            Stack stack,
            PostgresDatabase database,
            ServiceProcess service,
            ApiDataset dataset,
            int requests,
            int warmup,
            long seed)
            throws SQLException {
        service.awaitReady(READY_LIMIT);
        long assignments;
        long started = System.nanoTime();
        try (Connection connection = database.connect()) {
            assignments = dataset.load(connection);
        }
        report.print(new Line()
                .with("mode", "api")
                .with("scenario", "dataset")
                .with("tags", dataset.tags())
                .with("entities", dataset.entities())
                .with("assignments", assignments)
                .with("load_seconds", (System.nanoTime() - started) / 1e9, 1));
        ApiLatency client = new ApiLatency(service.baseUrl());
        ApiRequests draw = new ApiRequests(dataset, seed);
        // the JIT and the database's caches warm on every endpoint before any is measured
        log.info("phase=api_warmup requests={}", 4 * warmup);
        client.measure(draw.entityTags(warmup));
        client.measure(draw.tagsByPrefix(warmup));
        client.measure(draw.tagDetail(warmup));
        client.measure(draw.tagEntities(warmup));
        measure(report, client, service.pid(), "entity_tags", draw.entityTags(requests));
        measure(report, client, service.pid(), "tags_by_prefix", draw.tagsByPrefix(requests));
        measure(report, client, service.pid(), "tag_detail", draw.tagDetail(requests));
        measure(report, client, service.pid(), "tag_entities", draw.tagEntities(requests));
        measure(
                report,
                client,
                service.pid(),
                "tag_detail_most_popular",
                java.util.Collections.nCopies(Math.max(100, requests / 10), draw.mostPopularTagDetail()));
    }

    private static ServiceProcess launch(Stack stack, PostgresDatabase database, Path jar) {
        Map<String, String> env = new LinkedHashMap<>(
                stack.serviceEnvironment(database, ServiceTopics.defaults().prefixed("api.")));
        env.put("CONSUMER_GROUP_ID", "tag-processor-api");
        return stack.service("api", jar, List.of(), env).start();
    }

    private static void measure(
            Report report, ApiLatency client, long servicePid, String endpoint, List<String> paths) {
        log.info("phase=api endpoint={} requests={}", endpoint, paths.size());
        long[] hostBefore = ProcStat.hostTicks();
        double serviceBefore = ProcStat.cpuSeconds(servicePid);
        long started = System.nanoTime();
        ApiLatency.Result result = client.measure(paths);
        double seconds = (System.nanoTime() - started) / 1e9;
        double serviceCpu = ProcStat.cpuSeconds(servicePid) - serviceBefore;
        long[] hostAfter = ProcStat.hostTicks();
        double hostBusy = 100.0 * (hostAfter[0] - hostBefore[0]) / Math.max(1, hostAfter[1] - hostBefore[1]);
        Histogram micros = result.micros();
        report.print(new Line()
                .with("mode", "api")
                .with("scenario", endpoint)
                .with("requests", micros.getTotalCount())
                .with("errors", result.errors())
                .with("mean_bytes", (double) result.bytes() / paths.size(), 0)
                .with("p50_ms", micros.getValueAtPercentile(50) / 1000.0, 2)
                .with("p95_ms", micros.getValueAtPercentile(95) / 1000.0, 2)
                .with("p99_ms", micros.getValueAtPercentile(99) / 1000.0, 2)
                .with("max_ms", micros.getMaxValue() / 1000.0, 2)
                .with("requests_per_s", paths.size() / seconds, 0)
                .with("service_cores", serviceCpu / seconds, 2)
                .with("host_busy_pct", hostBusy, 0));
    }
}
