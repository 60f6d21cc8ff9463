package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A child JVM of this one, the one way the registry, the standalone broker and the service are
 * launched: it carries the {@link ParentWatchdog} agent (so it halts when this JVM is gone, even after
 * {@code kill -9}), appends its output to one log file, and is stopped with SIGTERM, then SIGKILL.
 */
public final class ChildProcess {

    private static final int LOG_TAIL_LINES = 40;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final long launchedNanos;

    private ChildProcess(String name, ProcessBuilder launcher, Path logFile) throws IOException {
        this.name = name;
        this.logFile = logFile;
        this.launchedNanos = System.nanoTime();
        this.process = launcher.start();
    }

    /**
     * Runs {@code java <arguments>} in {@code directory}, e.g. arguments {@code -Xmx512m -jar app.jar}
     * or {@code -cp … some.Main arg}; {@code environment} is added to this JVM's.
     */
    public static ChildProcess launch(
            String name, List<String> arguments, Map<String, String> environment, Path directory, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + WatchdogAgentJar.writeInto(directory) + "="
                + ProcessHandle.current().pid());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + name, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@link System#nanoTime()} at launch. */
    public long launchedNanos() {
        return launchedNanos;
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Polls {@code ready} until it holds; fails at once if the process exits, and after {@code timeout}
     * otherwise, either way with the last lines of its log. The process is left as it is.
     */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        try {
            Awaitility.await(name + " ready")
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200))
                    .failFast(name + " exited", () -> !process.isAlive())
                    .until(ready::getAsBoolean);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String reason = process.isAlive()
                    ? "not ready after " + timeout.toSeconds() + " s"
                    : "exited with code " + process.exitValue();
            throw new IllegalStateException(name + " " + reason + "; last lines of " + logFile + ":\n" + logTail(), e);
        }
    }

    /** The exit code once the process has ended within {@code timeout}, else empty. */
    public OptionalInt awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue())
                    : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}; true when it ended by itself. */
    public boolean stop(Duration grace) {
        process.destroy();
        if (awaitExit(grace).isPresent()) {
            return true;
        }
        kill();
        return false;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(KILL_TIMEOUT);
    }

    /** Sends a signal by name, e.g. {@code STOP} to freeze the process where it is, {@code CONT} to resume it. */
    public void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last lines of the log, for a failure message. */
    public String logTail() {
        return logTail(logFile);
    }

    static String logTail(Path logFile) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
