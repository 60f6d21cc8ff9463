package io.tagprocessor.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The packaged service jar as a process of its own ({@code java -Xmx… -jar target/*-exec.jar}),
 * configured through its environment, as an operator starts it. While it runs, its heap in use is
 * sampled from {@code /actuator/prometheus} every 500 ms, and its peak resident set is read from
 * {@code /proc} (VmHWM) when it is killed or stopped.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong peakHeapBytes = new AtomicLong();
    private long peakRssKb;

    private ServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        sampler.scheduleWithFixedDelay(this::sampleHeap, 500, 500, TimeUnit.MILLISECONDS);
    }

    static ServiceProcess start(String maxHeap, Map<String, String> environment, int port, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + maxHeap,
                        "-jar",
                        executableJar().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        return new ServiceProcess(builder.start(), port);
    }

    /** True once readiness answers 200. */
    boolean ready() {
        return get("/actuator/health/readiness").map(body -> true).orElse(false);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no transaction finished. */
    void kill() throws InterruptedException {
        readPeakRss();
        process.destroyForcibly().waitFor();
    }

    long peakHeapBytes() {
        return peakHeapBytes.get();
    }

    long peakRssKb() {
        return peakRssKb;
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdownNow();
        if (process.isAlive()) {
            readPeakRss();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void sampleHeap() {
        get("/actuator/prometheus").ifPresent(body -> {
            long heap = body.lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            peakHeapBytes.accumulateAndGet(heap, Math::max);
        });
    }

    private void readPeakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            peakRssKb = -1; // not Linux, or already gone
        }
    }

    private java.util.Optional<String> get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? java.util.Optional.of(response.body()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** The jar {@code package} built before the integration tests run. */
    private static Path executableJar() {
        try (var files = Files.newDirectoryStream(Path.of("target"), "*-exec.jar")) {
            for (Path jar : files) {
                return jar;
            }
            throw new AssertionError("no target/*-exec.jar: run through mvn verify");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
