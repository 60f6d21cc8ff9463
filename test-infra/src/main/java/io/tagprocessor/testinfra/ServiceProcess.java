package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged service ({@code java -jar …-exec.jar}) as a child process configured only through its
 * environment, as an operator runs it, on its own HTTP port and logging to {@code service-<name>.log}
 * (appended across restarts). It can be started, stopped gracefully, killed with SIGKILL or frozen
 * with SIGSTOP at any instant, and started again.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Path jar;
    private final Path directory;
    private final int port;
    private final List<String> javaOptions;
    private final Map<String, String> environment;
    private ChildProcess process;
    private int starts;

    public ServiceProcess(
            String name,
            Path jar,
            Path directory,
            int port,
            List<String> javaOptions,
            Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.directory = directory;
        this.port = port;
        this.javaOptions = List.copyOf(javaOptions);
        this.environment = Map.copyOf(environment);
    }

    public String name() {
        return name;
    }

    /** e.g. {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return directory.resolve("service-" + name + ".log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The running (or last) process's id. */
    public synchronized long pid() {
        return current().pid();
    }

    /** {@link System#nanoTime()} when the running (or last) process was launched. */
    public synchronized long launchedNanos() {
        return current().launchedNanos();
    }

    /** Launches the JVM and returns at once; {@link #awaitReady} waits for it. */
    public synchronized ServiceProcess start() {
        if (isRunning()) {
            return this;
        }
        List<String> arguments = new ArrayList<>(javaOptions);
        arguments.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("SERVER_PORT", Integer.toString(port));
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    logFile(),
                    "%n===== start #%d of %s =====%n".formatted(++starts, name),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + logFile(), e);
        }
        process = ChildProcess.launch("service " + name, arguments, env, directory, logFile());
        log.info("service=started instance={} pid={} port={} log={}", name, process.pid(), port, logFile());
        return this;
    }

    /** Waits until readiness answers 200; fails with the last log lines if the JVM exits or time runs out. */
    public void awaitReady(Duration timeout) {
        current().awaitReady(timeout, this::ready);
    }

    /** True once {@code /actuator/health/readiness} answers 200. */
    public boolean ready() {
        return Http.ok(baseUrl() + "/actuator/health/readiness");
    }

    /** The Prometheus scrape, or empty text when the service does not answer. */
    public String prometheus() {
        return Http.get(baseUrl() + "/actuator/prometheus").orElse("");
    }

    /** The body of a GET of {@code path} when it answers 200. */
    public Optional<String> get(String path) {
        return Http.get(baseUrl() + path);
    }

    /** SIGTERM: Spring's graceful shutdown; killed if it takes longer than 30 s. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        boolean graceful = process.stop(STOP_GRACE);
        log.info("service=stopped instance={} pid={} graceful={}", name, process.pid(), graceful);
    }

    /** SIGKILL: no shutdown hook, no offset commit, no transaction end. */
    public synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        process.kill();
        log.info("service=killed instance={} pid={}", name, process.pid());
    }

    /**
     * SIGSTOP: the JVM stops where it is, mid-statement or mid-send, while its TCP connections stay
     * open (the kernel keeps answering), as a host that hangs does. {@link #thaw} resumes it.
     */
    public synchronized void freeze() {
        if (isRunning()) {
            process.signal("STOP");
            log.info("service=frozen instance={} pid={}", name, process.pid());
        }
    }

    /** SIGCONT: the frozen JVM goes on from where it stopped. */
    public synchronized void thaw() {
        if (isRunning()) {
            process.signal("CONT");
            log.info("service=thawed instance={} pid={}", name, process.pid());
        }
    }

    public String logTail() {
        return ChildProcess.logTail(logFile());
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized ChildProcess current() {
        if (process == null) {
            throw new IllegalStateException("service " + name + " was never started");
        }
        return process;
    }
}
