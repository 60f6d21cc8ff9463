package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The machine's PostgreSQL server programs ({@code initdb}, {@code pg_ctl}): {@code pg_config --bindir}
 * when that has them, else the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's layout).
 * Run as root, they run as the {@code postgres} OS user, since PostgreSQL refuses root.
 */
final class PostgresPrograms {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String OS_USER = "postgres";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private final Path directory;

    private PostgresPrograms(Path directory) {
        this.directory = directory;
    }

    /** Empty when the machine has no PostgreSQL server. */
    static Optional<PostgresPrograms> find() {
        Optional<Path> configured = pgConfigBindir().filter(PostgresPrograms::hasServer);
        if (configured.isPresent() || !Files.isDirectory(DEBIAN_BINARIES)) {
            return configured.map(PostgresPrograms::new);
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(PostgresPrograms::hasServer)
                    .max(Comparator.comparingInt(
                            bin -> majorVersion(bin.getParent().getFileName().toString())))
                    .map(PostgresPrograms::new);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String notFound() {
        return "No PostgreSQL server programs (initdb, pg_ctl) on this machine: looked at `pg_config --bindir`"
                + " and " + DEBIAN_BINARIES + "/<version>/bin";
    }

    /** {@code 15} of {@code 15}, {@code 9} of {@code 9.6}; -1 for a name that is no version. */
    static int majorVersion(String name) {
        String major = name.split("\\.", 2)[0];
        return major.matches("[0-9]{1,4}") ? Integer.parseInt(major) : -1;
    }

    Path directory() {
        return directory;
    }

    /** A new temporary directory the server's OS user owns. */
    static Path ownedDirectory(String prefix) {
        try {
            Path created = Files.createTempDirectory(prefix);
            if (asRoot()) {
                UserPrincipal owner =
                        created.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
                Files.setOwner(created, owner);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare a directory for PostgreSQL", e);
        }
    }

    /**
     * Runs {@code program} with {@code arguments} and waits for it; its output goes to
     * {@code <program>.out} in {@code workDirectory} and into the message when it fails.
     */
    void run(Path workDirectory, String program, String... arguments) {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        line.add(directory.resolve(program).toString());
        line.addAll(List.of(arguments));
        Path output = workDirectory.resolve(program + ".out");
        try {
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue() + ": "
                        + Files.readString(output).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + program, e);
        }
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
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
}
