package io.tagprocessor.benchmark;

import io.tagprocessor.benchmark.stack.BenchmarkPostgres;
import io.tagprocessor.testinfra.StandaloneKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The run's settings from the command line ({@code --name=value}); defaults are the full run,
 * {@code --quick} the development run (20,000 commands, 10 s per rate after 10 s of warm-up, results
 * under {@code quick/}).
 */
record Options(
        int backlog,
        List<Integer> rates,
        Duration rateDuration,
        Duration warmup,
        Set<String> phases,
        Duration backlogTimeLimit,
        Duration baselineTimeLimit,
        long seed,
        int partitions,
        Path serviceJar,
        List<String> serviceJavaOptions,
        List<String> brokerJavaOptions,
        String postgres,
        Path composeFile,
        Path migrations,
        Path results) {

    static final Set<String> ALL_PHASES = Set.of("limits", "batch", "latency", "pair", "baseline");

    private static final Set<String> NAMES = Set.of(
            "backlog",
            "rates",
            "rate-seconds",
            "warmup-seconds",
            "phases",
            "backlog-minutes",
            "baseline-minutes",
            "seed",
            "partitions",
            "service-jar",
            "service-java-opts",
            "broker-java-opts",
            "postgres",
            "migrations",
            "results");

    /**
     * The service's JVM as the container image runs it under a 512 MiB memory limit (the Dockerfile's
     * {@code JAVA_TOOL_OPTIONS}, whose {@code MaxRAMPercentage=50} gives a 256 MiB heap there).
     */
    static final String SERVICE_JAVA_OPTIONS = "-Xmx256m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m"
            + " -Xss512k -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";

    static Options parse(String[] args) {
        CommandLine.refuseUnknown(args, NAMES, Set.of("--quick"));
        Properties built = CommandLine.builtIn();
        boolean quick = Arrays.asList(args).contains("--quick");
        Path results = Path.of(CommandLine.value(args, "results", built.getProperty("results.dir")))
                .normalize();
        Options options = new Options(
                Integer.parseInt(CommandLine.value(args, "backlog", quick ? "20000" : "200000")),
                Arrays.stream(CommandLine.value(args, "rates", "500,2000,5000").split(","))
                        .map(String::trim)
                        .map(Integer::valueOf)
                        .toList(),
                Duration.ofSeconds(Long.parseLong(CommandLine.value(args, "rate-seconds", quick ? "10" : "30"))),
                Duration.ofSeconds(Long.parseLong(CommandLine.value(args, "warmup-seconds", quick ? "10" : "60"))),
                Set.of(CommandLine.value(args, "phases", String.join(",", ALL_PHASES))
                        .split(",")),
                Duration.ofMinutes(Long.parseLong(CommandLine.value(args, "backlog-minutes", quick ? "5" : "15"))),
                Duration.ofMinutes(Long.parseLong(CommandLine.value(args, "baseline-minutes", quick ? "10" : "45"))),
                Long.parseLong(CommandLine.value(args, "seed", "20260505")),
                Integer.parseInt(CommandLine.value(args, "partitions", "6")),
                Path.of(CommandLine.value(args, "service-jar", built.getProperty("service.jar")))
                        .normalize(),
                splitOptions(CommandLine.value(args, "service-java-opts", SERVICE_JAVA_OPTIONS)),
                splitOptions(CommandLine.value(args, "broker-java-opts", String.join(" ", StandaloneKafka.TEST_JVM))),
                CommandLine.value(args, "postgres", BenchmarkPostgres.OWN),
                Path.of(built.getProperty("compose.file")).normalize(),
                Path.of(CommandLine.value(args, "migrations", built.getProperty("migrations.dir")))
                        .normalize(),
                quick ? results.resolve("quick") : results);
        if (!ALL_PHASES.containsAll(options.phases())) {
            throw new IllegalArgumentException("--phases takes any of " + ALL_PHASES);
        }
        return options;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static List<String> splitOptions(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
