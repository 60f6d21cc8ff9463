package io.tagprocessor.chaos.stack;

import io.tagprocessor.testinfra.WatchdogAgentJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the real service: {@code java -jar tag-processor-…-exec.jar} configured through
 * its environment, on a fixed HTTP port, logging to its own file (appended across restarts). It can
 * be started, stopped gracefully, or killed with SIGKILL at any instant and started again.
 */
public final class ServiceInstance {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstance.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Path directory;
    private final int port;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    public ServiceInstance(String name, Path jar, Path directory, int port, Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.directory = directory;
        this.port = port;
        this.environment = Map.copyOf(environment);
    }

    public String name() {
        return name;
    }

    /** e.g. http://127.0.0.1:PORT, for the actuator endpoints. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return directory.resolve("service-" + name + ".log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Launches the JVM and returns at once; {@link #awaitReady} waits for it. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-javaagent:" + WatchdogAgentJar.writeInto(directory) + "="
                        + ProcessHandle.current().pid(),
                "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    logFile(),
                    "%n===== chaos: start #%d of %s =====%n".formatted(++starts, name),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch the service from " + jar, e);
        }
        log.info("chaos=service_started instance={} pid={} port={}", name, process.pid(), port);
    }

    /** Waits until readiness answers 200; fails with the last log lines if the JVM exits or time runs out. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null || !current.isAlive()) {
                throw new IllegalStateException(
                        "service " + name + " exited while starting; last lines of " + logFile() + ":\n" + logTail());
            }
            if (ready()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("service " + name + " not ready within " + timeout.toSeconds()
                + " s; last lines of " + logFile() + ":\n" + logTail());
    }

    /**
     * SIGSTOP: the JVM stops where it is, mid-statement or mid-send, while its TCP connections stay
     * open (the kernel keeps answering), as a host that hangs does. {@link #thaw} resumes it.
     */
    public synchronized void freeze() {
        if (isRunning()) {
            signal("STOP");
            log.info("chaos=service_frozen instance={} pid={}", name, process.pid());
        }
    }

    /** Whether this running instance's log says it holds the relay leadership now. */
    public synchronized boolean leadsRelay() {
        if (!isRunning()) {
            return false;
        }
        String pid = " " + process.pid() + " ---";
        boolean leads = false;
        try {
            for (String line : Files.readAllLines(logFile(), StandardCharsets.UTF_8)) {
                if (line.contains(pid) && line.contains("event=relay_leadership_acquired")) {
                    leads = true;
                } else if (line.contains(pid) && line.contains("event=relay_leadership_released")) {
                    leads = false;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return leads;
    }

    /** SIGCONT: the frozen JVM goes on from where it stopped. */
    public synchronized void thaw() {
        if (isRunning()) {
            signal("CONT");
            log.info("chaos=service_thawed instance={} pid={}", name, process.pid());
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no offset commit, no transaction end. */
    public synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        process.destroyForcibly();
        waitFor(process, STOP_TIMEOUT);
        log.info("chaos=service_killed instance={} pid={}", name, process.pid());
    }

    /** SIGTERM: Spring's graceful shutdown; killed if it takes longer than 30 s. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        process.destroy();
        if (!waitFor(process, STOP_TIMEOUT)) {
            log.warn("chaos=service_stop_timeout instance={} pid={}", name, process.pid());
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
        }
        log.info("chaos=service_stopped instance={} pid={}", name, process.pid());
    }

    private boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String logTail() {
        try {
            List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
