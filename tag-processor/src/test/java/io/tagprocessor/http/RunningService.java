package io.tagprocessor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.pipeline.PipelineTestSupport;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random HTTP port against the real broker, registry and PostgreSQL of the
 * shared fixture, with its own database, topics and consumer group. Admin credentials are set (a
 * random password), the read API is open. Every IT extending this shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningService {

    protected static final TestInfrastructure INFRA = TestInfrastructure.get();
    protected static final String ADMIN = "operator";
    protected static final String ADMIN_PASSWORD = "pw-" + UUID.randomUUID();
    protected static final String COMMANDS = "http-tag-commands";

    private static final PostgresDatabase DATABASE = SharedDatabase.INSTANCE;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KafkaProducer<byte[], byte[]> producer;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected RecordEncoder encoder;

    @DynamicPropertySource
    static void serviceProperties(DynamicPropertyRegistry registry) {
        PipelineTestSupport.serviceProperties(registry, DATABASE, "http", 2);
        registry.add("tag-processor.observe.kafka-metrics-refresh", () -> "1s");
        registry.add("tag-processor.observe.backlog-sample-interval", () -> "100ms");
        registry.add("tag-processor.http.admin-username", () -> ADMIN);
        registry.add("tag-processor.http.admin-password", () -> ADMIN_PASSWORD);
    }

    @BeforeAll
    static void openProducer() {
        producer = PipelineTestSupport.commandProducer();
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    /** Publishes the commands as a producer service does and waits until each has been processed. */
    protected void sendAndAwait(Commands.Keyed... commands) {
        for (Commands.Keyed command : commands) {
            byte[] value = encoder.encode(COMMANDS, command.command());
            producer.send(new ProducerRecord<>(COMMANDS, command.key().getBytes(StandardCharsets.UTF_8), value));
        }
        producer.flush();
        for (Commands.Keyed command : commands) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> assertThat(jdbc.sql("SELECT count(*) FROM processed_events WHERE command_id = :id")
                                            .param("id", command.id().toString())
                                            .query(Long.class)
                                            .single())
                                    .isEqualTo(1L));
        }
    }

    protected void sendRaw(byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(COMMANDS, key, value));
        producer.flush();
    }

    protected HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    protected HttpResponse<String> get(String path, String user, String password) {
        return send(request(path)
                .header("Authorization", basic(user, password))
                .GET()
                .build());
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A name no other test uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The database made once for the HTTP ITs of this JVM, dropped when the JVM exits. */
    static final class SharedDatabase {
        static final PostgresDatabase INSTANCE = create();

        private static PostgresDatabase create() {
            PostgresDatabase database = INFRA.newDatabase("http_it");
            Runtime.getRuntime().addShutdownHook(new Thread(database::close));
            return database;
        }
    }
}
