package io.tagprocessor.benchmark.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Asks the paths one after another on one kept-alive HTTP connection, as a single client would, and
 * records each response time (request sent to body read) in microseconds. A response other than 200
 * is counted as an error, never silently timed.
 */
final class ApiLatency {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;

    ApiLatency(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The result of asking one endpoint. */
    record Result(Histogram micros, int errors, long bytes) {}

    Result measure(List<String> paths) {
        Histogram histogram = new Histogram(60_000_000L, 3);
        int errors = 0;
        long bytes = 0;
        for (String path : paths) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            long start = System.nanoTime();
            HttpResponse<byte[]> response = send(request);
            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            if (response.statusCode() != 200) {
                errors++;
            }
            bytes += response.body().length;
        }
        return new Result(histogram, errors, bytes);
    }

    private static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("the service did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
