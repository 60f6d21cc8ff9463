package io.tagprocessor.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Runs the harness from the command line and prints its summary line; exit code 0 when every check
 * passed, 1 on any violation, 2 when the harness itself could not run. Settings come from system
 * properties: {@code chaos.mode} (short|full), {@code chaos.seed}, {@code chaos.service.jar},
 * {@code chaos.dir}.
 */
public final class ChaosMain {

    private ChaosMain() {}

    public static void main(String[] args) {
        ChaosSettings settings = fromSystemProperties();
        try {
            Summary summary = ChaosRun.execute(settings);
            report(settings, summary);
            System.exit(summary.passed() ? 0 : 1);
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println(
                    "chaos: mode=" + settings.mode() + " error=" + e.getClass().getSimpleName());
            System.exit(2);
        }
    }

    public static ChaosSettings fromSystemProperties() {
        String mode = System.getProperty("chaos.mode", "short");
        long seed = Long.getLong("chaos.seed", 4242L);
        Path jar = Path.of(
                System.getProperty("chaos.service.jar", "tag-processor/target/tag-processor-0.1.0-SNAPSHOT-exec.jar"));
        Path base = Path.of(System.getProperty("chaos.dir", "target/chaos"));
        Path directory = base.resolve(mode + "-" + Instant.now().toString().replace(':', '-'))
                .toAbsolutePath();
        return ChaosSettings.of(mode, seed, jar.toAbsolutePath(), directory);
    }

    /** Prints the findings and the summary line, and appends the line to {@code <chaos.dir>/summaries.txt}. */
    public static void report(ChaosSettings settings, Summary summary) throws IOException {
        summary.violations().forEach(v -> System.out.println("chaos violation: " + v));
        System.out.println(summary.line());
        Path summaries = settings.directory().getParent().resolve("summaries.txt");
        Files.createDirectories(summaries.getParent());
        Files.writeString(
                summaries,
                Instant.now() + " seed=" + settings.workload().seed() + " " + summary.line() + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
