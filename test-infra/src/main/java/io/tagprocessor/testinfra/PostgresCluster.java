package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of its own: a cluster made by the machine's {@code initdb} in a fresh temporary
 * directory and started by {@code pg_ctl} on a free loopback port (TCP only, trust authentication,
 * superuser {@code postgres}) with the settings given, so that a measurement runs on known settings
 * without touching the machine's shared server ({@link PostgresPrograms} says which programs, and as
 * whom). Closing stops it (fast shutdown), copies its log where asked and deletes the directory. A
 * JVM killed before that leaves its server running until the next start on this machine finds the
 * directory's owner gone and stops and deletes it.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9_.]{0,62}");
    private static final String PREFIX = "tag-processor-postgres-";
    private static final String OWNER = "owner";

    private final PostgresPrograms programs;
    private final Path directory;
    private final Path copyLogTo;
    private final PostgresServer server;
    private final Thread shutdownHook = new Thread(this::close, "postgres-cluster-shutdown");
    private boolean closed;

    private PostgresCluster(PostgresPrograms programs, Path directory, Path copyLogTo, PostgresServer server) {
        this.programs = programs;
        this.directory = directory;
        this.copyLogTo = copyLogTo;
        this.server = server;
    }

    /** Whether this machine has the programs to make a cluster. */
    public static boolean available() {
        return PostgresPrograms.find().isPresent();
    }

    /**
     * Makes and starts a cluster with {@code settings} (name to value, written to its
     * {@code postgresql.conf}; listen address, port and socket directory are this class's). Its log
     * is copied to {@code copyLogTo} on close, when that is not null.
     */
    public static PostgresCluster start(Map<String, String> settings, Path copyLogTo) {
        PostgresPrograms programs =
                PostgresPrograms.find().orElseThrow(() -> new IllegalStateException(PostgresPrograms.notFound()));
        Map<String, String> all = new LinkedHashMap<>(settings);
        int port = Ports.free();
        all.put("listen_addresses", "127.0.0.1");
        all.put("port", Integer.toString(port));
        all.put("unix_socket_directories", "");
        removeOrphans(programs);
        Path directory = PostgresPrograms.ownedDirectory(PREFIX);
        Path data = directory.resolve("data");
        try {
            Files.writeString(directory.resolve(OWNER), thisJvm());
            programs.run(
                    directory,
                    "initdb",
                    "--pgdata=" + data,
                    "--username=postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync");
            Files.writeString(data.resolve("postgresql.conf"), configuration(all), StandardOpenOption.APPEND);
            programs.run(directory, "pg_ctl", "start", "--pgdata=" + data, "--log=" + serverLog(directory), "--wait");
        } catch (IOException | RuntimeException e) {
            deleteDirectory(directory);
            throw new IllegalStateException(
                    "The PostgreSQL cluster in " + directory + " did not start: " + e.getMessage(), e);
        }
        PostgresUrl admin = PostgresUrl.parse("jdbc:postgresql://127.0.0.1:" + port + "/postgres")
                .withDefaultCredentials("postgres", "");
        PostgresCluster cluster = new PostgresCluster(programs, directory, copyLogTo, PostgresServer.at(admin));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        log.info("postgres=cluster admin={} programs={} directory={}", admin, programs.directory(), directory);
        return cluster;
    }

    /** The server, for creating databases on it. */
    public PostgresServer server() {
        return server;
    }

    Path directory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hooks run anyway, and this close() is one of them
        }
        if (!Files.isDirectory(directory)) {
            return; // removed as an orphan, by a start that took this JVM for dead
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("postgres=cluster action=drop_databases error={}", e.toString());
        }
        String data = "--pgdata=" + directory.resolve("data");
        try {
            programs.run(directory, "pg_ctl", "stop", data, "--mode=fast", "--wait");
        } catch (RuntimeException e) {
            log.warn("postgres=cluster action=stop mode=fast error={}; stopping immediately", e.toString());
            programs.run(directory, "pg_ctl", "stop", data, "--mode=immediate");
        }
        if (copyLogTo != null) {
            try {
                Files.createDirectories(copyLogTo.toAbsolutePath().getParent());
                Files.copy(serverLog(directory), copyLogTo, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                log.warn("postgres=cluster action=copy_log target={} error={}", copyLogTo, e.toString());
            }
        }
        deleteDirectory(directory);
    }

    /** {@code name = 'value'} lines; names and values are checked, since they come from files and options. */
    static String configuration(Map<String, String> settings) {
        StringBuilder text = new StringBuilder("\n# written by PostgresCluster\n");
        settings.forEach((name, value) -> {
            if (!SETTING.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a PostgreSQL setting name: " + name);
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("The value of " + name + " holds a control character");
            }
            text.append(name).append(" = '").append(value.replace("'", "''")).append("'\n");
        });
        return text.toString();
    }

    /** {@code <pid> <start time, epoch ms>} of this JVM: a pid alone may be reused. */
    private static String thisJvm() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + " " + startMillis(self);
    }

    static boolean alive(String owner) {
        try {
            String[] parts = owner.strip().split(" ");
            long started = Long.parseLong(parts[1]);
            return ProcessHandle.of(Long.parseLong(parts[0]))
                    .filter(process -> process.isAlive() && startMillis(process) == started)
                    .isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Stops and deletes the clusters of JVMs that died without closing them (e.g. {@code kill -9}). */
    private static void removeOrphans(PostgresPrograms programs) {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path directory : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .toList()) {
                Path owner = directory.resolve(OWNER);
                if (Files.isRegularFile(owner) && !alive(Files.readString(owner))) {
                    try {
                        programs.run(
                                directory,
                                "pg_ctl",
                                "stop",
                                "--pgdata=" + directory.resolve("data"),
                                "--mode=immediate");
                    } catch (RuntimeException e) {
                        // it was not running
                    }
                    deleteDirectory(directory);
                    log.warn("postgres=cluster action=orphan_removed directory={}", directory);
                }
            }
        } catch (IOException e) {
            log.warn("postgres=cluster action=find_orphans error={}", e.toString());
        }
    }

    private static Path serverLog(Path directory) {
        return directory.resolve("server.log");
    }

    private static void deleteDirectory(Path directory) {
        try {
            Directories.delete(directory);
        } catch (UncheckedIOException e) {
            log.warn("postgres=cluster action=delete directory={} error={}", directory, e.toString());
        }
    }
}
