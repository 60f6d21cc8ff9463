package io.tagprocessor.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.http.RunningService;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the service serves is the one committed in {@code openapi/openapi.yaml}: a
 * change of the API that does not update the committed file (or the reverse) fails here. The served
 * document is written to {@code target/openapi-served.yaml} to copy over when the change is meant.
 */
class OpenApiDocumentIT extends RunningService {

    private static final Path COMMITTED = Path.of("..", "openapi", "openapi.yaml");
    private static final Path SERVED = Path.of("target", "openapi-served.yaml");

    @Test
    void theServedDocumentIsTheCommittedOne() throws IOException {
        HttpResponse<String> response = get("/v3/api-docs.yaml");
        assertThat(response.statusCode()).isEqualTo(200);
        Files.writeString(SERVED, response.body());

        assertThat(response.body())
                .as(
                        "the served OpenAPI document differs from %s; if the API change is meant, run"
                                + " cp tag-processor/%s %s",
                        "openapi/openapi.yaml", SERVED, "openapi/openapi.yaml")
                .isEqualTo(Files.readString(COMMITTED));
    }

    @Test
    void theDocumentIsOpenApi31AndDescribesTheFourReadEndpoints() {
        String document = get("/v3/api-docs.yaml").body();

        assertThat(document).startsWith("openapi: 3.1");
        assertThat(document)
                .contains("/api/v1/entities/{entityType}/{entityId}/tags:")
                .contains("/api/v1/tags:")
                .contains("/api/v1/tags/{name}:")
                .contains("/api/v1/tags/{name}/entities:")
                .contains("application/problem+json")
                .doesNotContain("/actuator");
    }
}
