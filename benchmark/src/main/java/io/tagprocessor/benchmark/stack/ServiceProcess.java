package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.WatchdogAgentJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged service ({@code java -jar …-exec.jar}) as a child process configured only through
 * its environment, as an operator would run it. It halts by itself if the benchmark dies (the
 * test-infra parent watchdog agent), and is stopped with SIGTERM, then SIGKILL after a grace period.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String baseUrl;
    private final long launchedNanos;

    private ServiceProcess(Process process, int port, long launchedNanos) {
        this.process = process;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.launchedNanos = launchedNanos;
    }

    public static ServiceProcess launch(
            Path jar, List<String> javaOptions, Map<String, String> environment, int port, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-javaagent:"
                + WatchdogAgentJar.writeInto(logFile.toAbsolutePath().getParent()) + "="
                + ProcessHandle.current().pid());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            long launched = System.nanoTime();
            Process process = builder.start();
            log.info("service=launched pid={} port={} log={}", process.pid(), port, logFile);
            return new ServiceProcess(process, port, launched);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + jar, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public long launchedNanos() {
        return launchedNanos;
    }

    /** e.g. {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return baseUrl;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@code /actuator/health/readiness} answers 200. */
    public boolean ready() {
        return get("/actuator/health/readiness").map(r -> r.statusCode() == 200).orElse(false);
    }

    /** The Prometheus scrape, or empty text when the service does not answer. */
    public String prometheus() {
        return get("/actuator/prometheus")
                .filter(r -> r.statusCode() == 200)
                .map(HttpResponse::body)
                .orElse("");
    }

    private Optional<HttpResponse<String>> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("service=stop_timeout pid={} action=kill", process.pid());
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("service=stopped pid={}", process.pid());
    }
}
