package io.tagprocessor.recovery;

import io.tagprocessor.testinfra.PostgresDatabase;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the operator scripts of {@code scripts/} as real processes, configured only through the environment. */
final class Scripts {

    private static final Path DIRECTORY =
            Path.of(System.getProperty("user.dir")).getParent().resolve("scripts");

    /** What a script printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {}

    private Scripts() {}

    static Result run(String script, Map<String, String> environment, String... arguments) {
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", DIRECTORY.resolve(script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("DATABASE_") || name.startsWith("PG"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not end within 120 s: " + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }

    /** The database in the libpq URL form, credentials in the URL (percent-encoded). */
    static Map<String, String> libpqUrl(PostgresDatabase database) {
        String hostAndPath = database.jdbcUrl().substring("jdbc:postgresql://".length());
        String password = database.password() == null || database.password().isEmpty()
                ? ""
                : ":" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8);
        return Map.of(
                "DATABASE_URL",
                "postgresql://" + URLEncoder.encode(database.username(), StandardCharsets.UTF_8) + password + "@"
                        + hostAndPath);
    }

    /** The database in the JDBC form, credentials beside it, as the service's own settings take them. */
    static Map<String, String> jdbcUrl(PostgresDatabase database) {
        return Map.of(
                "DATABASE_URL",
                database.jdbcUrl(),
                "DATABASE_USERNAME",
                database.username(),
                "DATABASE_PASSWORD",
                database.password() == null ? "" : database.password());
    }
}
