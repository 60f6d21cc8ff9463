package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.PostgresCluster;
import io.tagprocessor.testinfra.PostgresServer;
import io.tagprocessor.testinfra.PostgresUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The PostgreSQL server a run measures on. {@code own} (the default): a cluster of the benchmark's
 * own, made from the machine's PostgreSQL binaries, on the settings {@code docker-compose.yml} gives
 * its {@code postgres} service (README "Recommended PostgreSQL settings"), so the figures come from
 * the settings the project ships, whatever the machine's server is set to. {@code local}: the
 * machine's server on 127.0.0.1:5432 as it is. Anything else: the JDBC URL of a server to use.
 *
 * @param kind {@code own}, {@code local} or {@code url}, for the machine line
 * @param cluster the own cluster, null for a server the benchmark did not start
 */
public record BenchmarkPostgres(String kind, PostgresServer server, PostgresCluster cluster) implements AutoCloseable {

    public static final String OWN = "own";
    public static final String LOCAL = "local";

    /** Opens the server {@code choice} names; an own cluster keeps its log as {@code logs/postgres.log}. */
    public static BenchmarkPostgres open(String choice, Path composeFile, Path logs) {
        return switch (choice) {
            case OWN -> {
                PostgresCluster cluster =
                        PostgresCluster.start(composeSettings(composeFile), logs.resolve("postgres.log"));
                yield new BenchmarkPostgres(OWN, cluster.server(), cluster);
            }
            case LOCAL -> new BenchmarkPostgres(LOCAL, PostgresServer.local(), null);
            default ->
                new BenchmarkPostgres(
                        "url",
                        PostgresServer.at(PostgresUrl.parse(choice).withDefaultCredentials("postgres", "")),
                        null);
        };
    }

    /**
     * The {@code -c name=value} pairs of the {@code postgres} service's command in a compose file, in
     * their order.
     */
    public static Map<String, String> composeSettings(Path composeFile) {
        Object command;
        try (InputStream in = Files.newInputStream(composeFile)) {
            Map<String, Object> root = new Yaml().load(in);
            command = child(child(child(root, "services"), "postgres"), "command");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + composeFile, e);
        }
        if (command == null) {
            throw new IllegalArgumentException(composeFile + ": services.postgres has no command");
        }
        if (!(command instanceof List<?> words)) {
            throw new IllegalArgumentException(composeFile + ": services.postgres.command is not a list of words");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            if ("-c".equals(String.valueOf(words.get(i))) && i + 1 < words.size()) {
                String setting = String.valueOf(words.get(++i));
                int equals = setting.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException(composeFile + ": '-c " + setting + "' is not name=value");
                }
                settings.put(setting.substring(0, equals), setting.substring(equals + 1));
            }
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException(composeFile + ": services.postgres.command sets nothing with -c");
        }
        return settings;
    }

    private static Object child(Object node, String key) {
        return node instanceof Map<?, ?> map ? map.get(key) : null;
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
