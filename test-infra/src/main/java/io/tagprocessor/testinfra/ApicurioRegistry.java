package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry (in-memory storage, global compatibility BACKWARD) as a child JVM started from
 * the distribution the build unpacked. Output goes to a log file; the child is destroyed on
 * {@link #close()} and halts by itself if this JVM dies first (see {@link ParentWatchdog}).
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String baseUrl;
    private final Path logFile;
    private final long launchedAt;

    private ApicurioRegistry(Process process, int port, Path logFile, long launchedAt) {
        this.process = process;
        this.baseUrl = "http://127.0.0.1:" + port;
        this.logFile = logFile;
        this.launchedAt = launchedAt;
    }

    /** Launches the registry on {@code port} and returns once {@code /health/ready} answers 200. */
    public static ApicurioRegistry start(int port, Path logFile) {
        ApicurioRegistry registry = launch(port, logFile);
        registry.awaitReady();
        return registry;
    }

    /** Launches the child JVM without waiting; pair with {@link #awaitReady()}. */
    public static ApicurioRegistry launch(int port, Path logFile) {
        Path runnerJar = runnerJar();
        Path logDirectory = logFile.toAbsolutePath().getParent();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-javaagent:" + WatchdogAgentJar.writeInto(logDirectory) + "="
                        + ProcessHandle.current().pid(),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-jar",
                runnerJar.toString());
        try {
            Process process = new ProcessBuilder(command)
                    .directory(logDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            log.info("registry=launching pid={} port={} log={}", process.pid(), port, logFile);
            return new ApicurioRegistry(process, port, logFile, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch Apicurio Registry from " + runnerJar, e);
        }
    }

    /** Waits until {@code /health/ready} answers 200; on failure stops the child and reports its last log lines. */
    public void awaitReady() {
        try {
            Awaitility.await("Apicurio Registry ready at " + baseUrl)
                    .atMost(STARTUP_TIMEOUT)
                    .pollDelay(Duration.ofMillis(200))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("Apicurio Registry exited", () -> !process.isAlive())
                    .until(this::ready);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String reason = process.isAlive()
                    ? "not ready after " + STARTUP_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + process.exitValue();
            close();
            throw new IllegalStateException(
                    "Apicurio Registry " + reason + "; last lines of " + logFile + ":\n" + logTail(), e);
        }
        log.info(
                "registry=ready url={} pid={} startup_ms={}",
                baseUrl,
                process.pid(),
                (System.nanoTime() - launchedAt) / 1_000_000);
    }

    /** Registry root, e.g. {@code http://127.0.0.1:8081}; Apicurio's own API is below /apis/registry/v3. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The Confluent-compatible API base. */
    public String ccompatUrl() {
        return baseUrl + "/apis/ccompat/v7";
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean ready() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
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

    private String logTail() {
        try (var lines = Files.lines(logFile)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static Path runnerJar() {
        Properties settings = new Properties();
        try (InputStream in = ApicurioRegistry.class.getResourceAsStream("/testinfra.properties")) {
            if (in == null) {
                throw new IllegalStateException("testinfra.properties is missing from the class path");
            }
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String home = System.getProperty(
                "testinfra.apicurio.home", envOr("APICURIO_HOME", settings.getProperty("apicurio.home")));
        Path jar = Path.of(home, "apicurio-registry-app-" + settings.getProperty("apicurio.version") + "-runner.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Apicurio Registry distribution not found at " + jar
                    + "; run ./mvnw -pl test-infra generate-resources (or set APICURIO_HOME)");
        }
        return jar;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
