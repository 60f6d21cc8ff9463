package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server of its own: a cluster made by the machine's {@code initdb} in a fresh temporary
 * directory and started by {@code pg_ctl} on a free loopback port (TCP only, trust authentication,
 * superuser {@code postgres}) with the settings given, so that a measurement runs on known settings
 * without touching the machine's shared server. Run as root, the server runs as the {@code postgres}
 * OS user, since PostgreSQL refuses root. Closing stops it (fast shutdown), copies its log where asked
 * and deletes the directory; a JVM killed before that leaves the server running.
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);
    private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9_.]{0,62}");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final String OS_USER = "postgres";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path binaries;
    private final Path directory;
    private final Path copyLogTo;
    private final PostgresServer server;
    private final Thread shutdownHook;
    private boolean closed;

    private PostgresCluster(Path binaries, Path directory, Path copyLogTo, PostgresServer server) {
        this.binaries = binaries;
        this.directory = directory;
        this.copyLogTo = copyLogTo;
        this.server = server;
        this.shutdownHook = new Thread(this::close, "postgres-cluster-shutdown");
    }

    /**
     * The directory of {@code initdb} and {@code pg_ctl}: {@code pg_config --bindir} when that has
     * them, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's layout); empty when
     * the machine has no PostgreSQL server.
     */
    public static Optional<Path> findBinaries() {
        Optional<Path> configured = pgConfigBindir().filter(PostgresCluster::hasServer);
        if (configured.isPresent() || !Files.isDirectory(DEBIAN_BINARIES)) {
            return configured;
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(PostgresCluster::hasServer)
                    .max(Comparator.comparingInt(
                            bin -> majorVersion(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes and starts a cluster with {@code settings} (name to value, written to its
     * {@code postgresql.conf}; listen address, port and socket directory are this class's). Its log
     * is copied to {@code copyLogTo} on close, when that is not null.
     */
    public static PostgresCluster start(Map<String, String> settings, Path copyLogTo) {
        Path binaries = findBinaries()
                .orElseThrow(() -> new IllegalStateException(
                        "No PostgreSQL server binaries (initdb, pg_ctl) on this machine: looked at"
                                + " `pg_config --bindir` and " + DEBIAN_BINARIES + "/<version>/bin"));
        Map<String, String> all = new LinkedHashMap<>(settings);
        int port = Ports.free();
        all.put("listen_addresses", "127.0.0.1");
        all.put("port", Integer.toString(port));
        all.put("unix_socket_directories", "");
        Path directory = createDirectory();
        try {
            run(
                    binaries,
                    directory,
                    List.of(
                            "initdb",
                            "--pgdata=" + data(directory),
                            "--username=postgres",
                            "--auth=trust",
                            "--encoding=UTF8",
                            "--locale=C.UTF-8",
                            "--no-sync"));
            Files.writeString(
                    data(directory).resolve("postgresql.conf"), configuration(all), StandardOpenOption.APPEND);
            run(
                    binaries,
                    directory,
                    List.of(
                            "pg_ctl",
                            "start",
                            "--pgdata=" + data(directory),
                            "--log=" + serverLog(directory),
                            "--wait",
                            "--timeout=" + COMMAND_TIMEOUT.toSeconds()));
        } catch (IOException | RuntimeException e) {
            deleteDirectory(directory);
            throw new IllegalStateException(
                    "The PostgreSQL cluster in " + directory + " did not start: " + e.getMessage(), e);
        }
        PostgresUrl admin = PostgresUrl.parse("jdbc:postgresql://127.0.0.1:" + port + "/postgres")
                .withDefaultCredentials("postgres", "");
        PostgresCluster cluster = new PostgresCluster(binaries, directory, copyLogTo, PostgresServer.at(admin));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        log.info("postgres=cluster admin={} binaries={} directory={}", admin, binaries, directory);
        return cluster;
    }

    /** The server, for creating databases on it. */
    public PostgresServer server() {
        return server;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("postgres=cluster action=drop_databases error={}", e.toString());
        }
        try {
            run(binaries, directory, List.of("pg_ctl", "stop", "--pgdata=" + data(directory), "--mode=fast", "--wait"));
        } catch (RuntimeException e) {
            log.warn("postgres=cluster action=stop mode=fast error={}; stopping immediately", e.toString());
            run(binaries, directory, List.of("pg_ctl", "stop", "--pgdata=" + data(directory), "--mode=immediate"));
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

    private static Path data(Path directory) {
        return directory.resolve("data");
    }

    private static Path serverLog(Path directory) {
        return directory.resolve("server.log");
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    /** {@code 15} of {@code 15}, {@code 9} of {@code 9.6}; -1 for a name that is no version. */
    static int majorVersion(String name) {
        String major = name.split("\\.", 2)[0];
        return major.matches("[0-9]{1,4}") ? Integer.parseInt(major) : -1;
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? Optional.of(Path.of(output)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A temporary directory the server's OS user owns (as root: handed to {@code postgres}). */
    private static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("tag-processor-postgres-");
            if (asRoot()) {
                UserPrincipal owner = directory
                        .getFileSystem()
                        .getUserPrincipalLookupService()
                        .lookupPrincipalByName(OS_USER);
                Files.setOwner(directory, owner);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare a directory for a PostgreSQL cluster", e);
        }
    }

    /** Runs one of the server's programs (as {@code postgres} when this JVM is root); its output goes to a log file. */
    private static void run(Path binaries, Path directory, List<String> command) {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        line.add(binaries.resolve(command.get(0)).toString());
        line.addAll(command.subList(1, command.size()));
        Path output = directory.resolve(command.get(0) + ".out");
        try {
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + COMMAND_TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue() + ": "
                        + Files.readString(output).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("postgres=cluster action=delete directory={} error={}", directory, e.toString());
        }
    }
}
