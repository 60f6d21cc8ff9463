package io.tagprocessor.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.TagProcessorApplication;
import io.tagprocessor.pipeline.ServiceArguments;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service with no admin credentials in its environment and {@code API_ACCESS=authenticated}:
 * admin endpoints are closed to everyone, the read API takes the reader's credentials only, health
 * stays open. Its listener does not start and it runs no relay, so it must not call itself ready.
 */
class ClosedByDefaultIT {

    private static final TestInfrastructure INFRA = TestInfrastructure.get();
    private static final String READER = "dashboard";
    private static final String READER_PASSWORD = "reader-" + UUID.randomUUID();

    private static PostgresDatabase database;
    private static ConfigurableApplicationContext service;
    private static int port;

    @BeforeAll
    static void start() {
        database = INFRA.newDatabase("closed_http_it");
        service = new SpringApplicationBuilder(TagProcessorApplication.class)
                .run(ServiceArguments.of(
                        database,
                        INFRA.kafkaBootstrapServers(),
                        "server.port=0",
                        "tag-processor.topics.commands=closed-tag-commands",
                        "tag-processor.topics.partitions=1",
                        "tag-processor.consumer.group-id=closed-http-it",
                        "tag-processor.consumer.auto-startup=false",
                        "tag-processor.relay.enabled=false",
                        "tag-processor.http.api-access=authenticated",
                        "tag-processor.http.api-username=" + READER,
                        "tag-processor.http.api-password=" + READER_PASSWORD));
        port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        service.close();
        database.close();
    }

    @Test
    void adminEndpointsAreClosedWhenNoAdminCredentialsAreSet() {
        assertThat(get("/admin/replay", null).statusCode()).isEqualTo(401);
        assertThat(get("/admin/replay", RunningService.basic(READER, READER_PASSWORD))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/admin/replay", RunningService.basic("admin", "admin")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theReadApiCanBePutBehindCredentials() {
        assertThat(get("/api/v1/tags", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/tags", RunningService.basic(READER, READER_PASSWORD + "-wrong"))
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/api/v1/tags", RunningService.basic(READER, READER_PASSWORD))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void healthStaysOpen() {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/db", null).statusCode()).isEqualTo(200);
    }

    @Test
    void withNoListenerRunningAndNoRelayAnywhereTheInstanceIsNotReady() {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body())
                .contains("\"kafka\":{\"status\":\"DOWN\"")
                .contains("\"relay\":{\"status\":\"DOWN\"")
                .contains("\"db\":{\"status\":\"UP\"");
    }

    private static HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return RunningService.send(request.build());
    }
}
