package io.tagprocessor.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.TagProcessorApplication;
import io.tagprocessor.pipeline.ServiceArguments;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.StandaloneKafka;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness tells the truth about Kafka: the service on a broker of its own, which the test stops
 * (readiness goes DOWN, liveness stays UP) and starts again (readiness comes back UP by itself).
 */
class ReadinessIT {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StandaloneKafka kafka;
    private static PostgresDatabase database;
    private static ConfigurableApplicationContext service;
    private static int port;

    @BeforeAll
    static void start() {
        kafka = StandaloneKafka.in(Path.of("target", "readiness-kafka-" + UUID.randomUUID()));
        kafka.start();
        database = INFRA.newDatabase("readiness_it");
        service = new SpringApplicationBuilder(TagProcessorApplication.class)
                .run(ServiceArguments.of(
                        database,
                        kafka.bootstrapServers(),
                        "server.port=0",
                        "tag-processor.topics.partitions=2",
                        "tag-processor.consumer.concurrency=2",
                        "tag-processor.relay.leadership-retry-interval=200ms"));
        port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
        kafka.close();
    }

    @Test
    void readinessFollowsTheBrokerDownAndUpAgainWhileLivenessStaysUp() throws Exception {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode ready = health("/actuator/health/readiness", 200);
            assertThat(component(ready, "kafka")).isEqualTo("UP");
            assertThat(component(ready, "db")).isEqualTo("UP");
            assertThat(component(ready, "relay")).isEqualTo("UP");
            assertThat(component(ready, "outbox")).isEqualTo("UP");
        });
        assertThat(health("/actuator/health/db", 200).get("status").asString()).isEqualTo("UP");

        kafka.stop();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode ready = health("/actuator/health/readiness", 503);
            assertThat(ready.get("status").asString()).isEqualTo("DOWN");
            assertThat(component(ready, "kafka")).isEqualTo("DOWN");
            assertThat(component(ready, "db")).isEqualTo("UP");
        });
        assertThat(health("/actuator/health/liveness", 200).get("status").asString())
                .isEqualTo("UP");

        kafka.start();

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode ready = health("/actuator/health/readiness", 200);
            assertThat(component(ready, "kafka")).isEqualTo("UP");
        });
    }

    private static String component(JsonNode health, String name) {
        return health.get("components").get(name).get("status").asString();
    }

    private static JsonNode health(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
