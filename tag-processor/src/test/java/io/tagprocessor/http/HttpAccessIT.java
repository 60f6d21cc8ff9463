package io.tagprocessor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the HTTP side answers without and with credentials, on the running service. */
class HttpAccessIT extends RunningService {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/health",
                "/actuator/health/liveness",
                "/actuator/info",
                "/actuator/prometheus",
                "/v3/api-docs",
                "/api/v1/tags"
            })
    void healthInfoPrometheusTheDocumentAndTheReadApiAreOpen(String path) {
        // overall health is 503 until the listener joined its group: wait for 200, which a closed path never gives
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get(path).statusCode()).isEqualTo(200));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator/metrics",
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/loggers",
                "/actuator/heapdump",
                "/somewhere-else"
            })
    void everyOtherPathIsRefusedWithAProblem(String path) {
        HttpResponse<String> anonymous = get(path);
        HttpResponse<String> admin = get(path, ADMIN, ADMIN_PASSWORD);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(admin.statusCode()).isIn(403, 404);
    }

    @Test
    void adminEndpointsNeedTheAdminsCredentials() {
        HttpResponse<String> anonymous = get("/admin/replay");
        HttpResponse<String> wrongPassword = get("/admin/replay", ADMIN, ADMIN_PASSWORD + "x");
        HttpResponse<String> unknownUser = get("/admin/replay", "mallory", ADMIN_PASSWORD);
        HttpResponse<String> admin = get("/admin/replay", ADMIN, ADMIN_PASSWORD);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"tag-processor\"");
        assertThat(anonymous.body()).contains("\"status\":401");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        // past the security filter: no admin endpoint exists yet, so the path itself is unknown
        assertThat(admin.statusCode()).isEqualTo(404);
    }

    @Test
    void refusalsDoNotEchoThePassword() {
        HttpResponse<String> wrongPassword = get("/admin/replay", ADMIN, "not-" + ADMIN_PASSWORD);

        assertThat(wrongPassword.body()).doesNotContain(ADMIN_PASSWORD).doesNotContain(ADMIN);
    }
}
