package io.tagprocessor.benchmark;

import io.tagprocessor.benchmark.report.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine the figures come from: cores, memory, CPU model, Java. */
final class Machine {

    private Machine() {}

    static Line describe(String kafkaKind) {
        return new Line()
                .with("mode", "none")
                .with("scenario", "machine")
                .with("nproc", Runtime.getRuntime().availableProcessors())
                .with("mem_gb", memTotalKb() / (1024.0 * 1024.0), 1)
                .with("cpu", cpuModel())
                .with("java", System.getProperty("java.version"))
                .with("kafka", kafkaKind);
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown");
    }

    private static long memTotalKb() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.split("\\s+")[0]))
                .orElse(-1L);
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
