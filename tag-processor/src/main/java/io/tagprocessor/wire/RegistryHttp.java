package io.tagprocessor.wire;

import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * One bounded HTTP exchange with a Confluent-API registry: the Confluent media type, optional basic
 * auth, optional TLS trust of its own, a deadline that covers connect, headers and body, and a cap on the response size. Transport
 * failures become {@link RegistryUnavailable}; any HTTP status is returned for the caller to judge.
 */
final class RegistryHttp {

    static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;

    /** {@code tls} is the context HTTPS connections trust (a private CA's truststore); null for the JVM's default. */
    RegistryHttp(String url, String username, String password, Duration timeout, SSLContext tls) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("schema registry url is required");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive");
        }
        URI uri = URI.create(url.strip());
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && (username == null || username.isEmpty())) {
            // credentials in the URL (http://user:pass@host) count as basic auth and are kept out of it
            String decoded = uri.getUserInfo();
            int colon = decoded.indexOf(':');
            username = colon < 0 ? decoded : decoded.substring(0, colon);
            password = colon < 0 ? null : decoded.substring(colon + 1);
        }
        String withoutUserInfo =
                userInfo == null ? uri.toString() : uri.toString().replace(userInfo + "@", "");
        this.baseUrl = withoutUserInfo.replaceAll("/+$", "");
        this.authorization = basicAuth(username, password);
        this.timeout = timeout;
        HttpClient.Builder client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        this.client = tls == null ? client.build() : client.sslContext(tls).build();
    }

    RegistryResponse get(String path) {
        return send(request(path).GET().build());
    }

    RegistryResponse post(String path, byte[] json) {
        return send(request(path)
                .header("Content-Type", MEDIA_TYPE)
                .POST(BodyPublishers.ofByteArray(json))
                .build());
    }

    String baseUrl() {
        return baseUrl;
    }

    static String basicAuth(String username, String password) {
        if (username == null || username.isEmpty()) {
            return null;
        }
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", MEDIA_TYPE);
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private RegistryResponse send(HttpRequest request) {
        var future = client.sendAsync(request, info -> new BoundedBodySubscriber(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new RegistryResponse(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(request, "no answer within " + timeout, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(request, "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof HttpTimeoutException ? "no answer within " + timeout : cause.toString();
            throw unavailable(request, why, cause);
        }
    }

    private static RegistryUnavailable unavailable(HttpRequest request, String why, Throwable cause) {
        return new RegistryUnavailable(
                "schema registry " + request.method() + " " + request.uri() + " failed: " + why, cause);
    }
}
