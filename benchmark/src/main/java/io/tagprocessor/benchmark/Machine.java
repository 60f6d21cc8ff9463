package io.tagprocessor.benchmark;

import io.tagprocessor.benchmark.report.Line;
import io.tagprocessor.testinfra.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The machine the figures come from: cores, memory, CPU model, Java, which PostgreSQL server ran
 * ({@code own}: the benchmark's cluster on the compose file's settings; {@code local}: the machine's
 * server as it is), and that server's settings that decide durability and write throughput (README
 * "Deploy" recommends values) and whether autovacuum runs.
 */
final class Machine {

    private static final List<String> POSTGRES_SETTINGS = List.of(
            "fsync",
            "synchronous_commit",
            "full_page_writes",
            "shared_buffers",
            "max_wal_size",
            "checkpoint_timeout",
            "wal_compression",
            "autovacuum",
            "autovacuum_naptime");

    private Machine() {}

    static Line describe(String kafkaKind, String postgresKind, PostgresDatabase database) {
        Line line = new Line()
                .with("mode", "none")
                .with("scenario", "machine")
                .with("nproc", Runtime.getRuntime().availableProcessors())
                .with("mem_gb", memTotalKb() / (1024.0 * 1024.0), 1)
                .with("cpu", cpuModel())
                .with("java", System.getProperty("java.version"))
                .with("kafka", kafkaKind)
                .with("postgres", postgresKind);
        try (Connection postgres = database.connect();
                PreparedStatement show = postgres.prepareStatement("SELECT current_setting(?)")) {
            for (String setting : POSTGRES_SETTINGS) {
                show.setString(1, setting);
                try (ResultSet rs = show.executeQuery()) {
                    rs.next();
                    line.with("pg_" + setting, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            line.with("pg_settings", "unreadable");
        }
        return line;
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
