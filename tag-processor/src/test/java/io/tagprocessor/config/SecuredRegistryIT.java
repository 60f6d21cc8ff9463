package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.testinfra.TestInfrastructure;
import io.tagprocessor.wire.SchemaRegistry;
import io.tagprocessor.wire.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The registry settings an operator sets for a secured registry ({@code SCHEMA_REGISTRY_USERNAME},
 * {@code _PASSWORD}, {@code _TRUST_STORE_LOCATION}, {@code _TRUST_STORE_PASSWORD}), against the real
 * registry behind an HTTPS front that requires basic auth and presents a certificate of a private CA
 * (made with the JDK's keytool for this run), as a gateway in front of a registry does.
 */
class SecuredRegistryIT {

    private static final String USER = "tagprocessor";
    private static final String PASSWORD = "reg-" + UUID.randomUUID();
    private static final String TRUST_PASSWORD = "trust-" + UUID.randomUUID();
    private static final Schema SCHEMA = TagEvent.getClassSchema();

    private static Path directory;
    private static HttpsServer front;
    private static ExecutorService threads;

    @BeforeAll
    static void startHttpsFront() throws Exception {
        directory = Files.createTempDirectory(Path.of("target"), "secured-registry-");
        String storePassword = "server-" + UUID.randomUUID();
        keytool(
                "-genkeypair",
                "-alias",
                "registry",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                "server.p12",
                "-storepass",
                storePassword);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "registry",
                "-keystore",
                "server.p12",
                "-storepass",
                storePassword,
                "-file",
                "server.pem");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "registry",
                "-file",
                "server.pem",
                "-storetype",
                "PKCS12",
                "-keystore",
                "trust.p12",
                "-storepass",
                TRUST_PASSWORD);

        front = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        front.setHttpsConfigurator(new HttpsConfigurator(serverTls(storePassword)));
        front.createContext("/", SecuredRegistryIT::forward);
        threads = Executors.newFixedThreadPool(4);
        front.setExecutor(threads);
        front.start();
    }

    @AfterAll
    static void stopHttpsFront() {
        front.stop(0);
        threads.shutdownNow();
    }

    @Test
    void registersAndReadsSchemasThroughTlsAndBasicAuth() {
        runner(PASSWORD, TRUST_PASSWORD).run(context -> {
            SchemaRegistry registry = context.getBean(SchemaRegistry.class);
            int id = registry.register("secured-" + UUID.randomUUID() + "-value", SCHEMA);

            // a second client, with nothing cached, reads it back by id
            runner(PASSWORD, TRUST_PASSWORD)
                    .run(other -> assertThat(other.getBean(SchemaRegistry.class).schemaById(id))
                            .isEqualTo(SCHEMA));
        });
    }

    @Test
    void withoutTheTruststoreTheCertificateIsNotTrusted() {
        new ApplicationContextRunner()
                .withUserConfiguration(SettingsConfiguration.class, WireConfiguration.class)
                .withPropertyValues(
                        "tag-processor.schema-registry.url=" + frontUrl(),
                        "tag-processor.schema-registry.username=" + USER,
                        "tag-processor.schema-registry.password=" + PASSWORD)
                .run(context -> assertThat(catchThrowable(
                                () -> context.getBean(SchemaRegistry.class).register("untrusted-value", SCHEMA)))
                        .isInstanceOf(WireFormatException.RegistryUnavailable.class)
                        .hasMessageContaining("failed"));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingIt() {
        runner("wrong-" + PASSWORD, TRUST_PASSWORD)
                .run(context -> assertThat(catchThrowable(
                                () -> context.getBean(SchemaRegistry.class).register("refused-value", SCHEMA)))
                        .isInstanceOf(WireFormatException.class)
                        .hasMessageContaining("401")
                        .hasMessageNotContaining(PASSWORD));
    }

    @Test
    void aTruststoreThatCannotBeOpenedFailsStartupNamingTheSetting() {
        runner(PASSWORD, "not-the-truststore-password")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("Cannot load the schema registry truststore")
                        .hasStackTraceContaining("SCHEMA_REGISTRY_TRUST_STORE_LOCATION"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TagProcessorProperties.class)
    static class SettingsConfiguration {}

    private static ApplicationContextRunner runner(String password, String trustStorePassword) {
        return new ApplicationContextRunner()
                .withUserConfiguration(SettingsConfiguration.class, WireConfiguration.class)
                .withPropertyValues(
                        "tag-processor.schema-registry.url=" + frontUrl(),
                        "tag-processor.schema-registry.username=" + USER,
                        "tag-processor.schema-registry.password=" + password,
                        "tag-processor.schema-registry.trust-store-location=" + directory.resolve("trust.p12"),
                        "tag-processor.schema-registry.trust-store-password=" + trustStorePassword);
    }

    private static String frontUrl() {
        return "https://127.0.0.1:" + front.getAddress().getPort();
    }

    /** Requires basic auth, then passes the request on to the real registry and its answer back. */
    private static void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String expected = "Basic "
                    + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder upstream = HttpRequest.newBuilder(
                            URI.create(TestInfrastructure.get().schemaRegistryUrl() + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(requestBody));
            for (String header : List.of("Content-Type", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    upstream.header(header, value);
                }
            }
            HttpResponse<byte[]> answer =
                    HttpClient.newHttpClient().send(upstream.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static SSLContext serverTls(String storePassword) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve("server.p12"))) {
            store.load(in, storePassword.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, storePassword.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
