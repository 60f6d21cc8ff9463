package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry (in-memory storage, global compatibility BACKWARD) as a child JVM started from
 * the distribution the build unpacked. Output goes to a log file; the child is destroyed on
 * {@link #close()} and halts by itself if this JVM dies first (see {@link ChildProcess}).
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ChildProcess process;
    private final String baseUrl;

    private ApicurioRegistry(ChildProcess process, int port) {
        this.process = process;
        this.baseUrl = "http://127.0.0.1:" + port;
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
        try {
            Files.createDirectories(logDirectory);
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the registry log " + logFile, e);
        }
        List<String> arguments = List.of(
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-jar",
                runnerJar.toString());
        ChildProcess process = ChildProcess.launch("Apicurio Registry", arguments, Map.of(), logDirectory, logFile);
        log.info("registry=launching pid={} port={} log={}", process.pid(), port, logFile);
        return new ApicurioRegistry(process, port);
    }

    /** Waits until {@code /health/ready} answers 200; on failure stops the child and reports its last log lines. */
    public void awaitReady() {
        try {
            process.awaitReady(STARTUP_TIMEOUT, () -> Http.ok(baseUrl + "/health/ready"));
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        log.info(
                "registry=ready url={} pid={} startup_ms={}",
                baseUrl,
                process.pid(),
                (System.nanoTime() - process.launchedNanos()) / 1_000_000);
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
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.stop(STOP_TIMEOUT);
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
