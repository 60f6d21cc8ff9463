package io.tagprocessor.api;

import static io.tagprocessor.pipeline.Commands.deleteTag;
import static io.tagprocessor.pipeline.Commands.rename;
import static io.tagprocessor.pipeline.FanoutFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.http.RunningService;
import io.tagprocessor.pipeline.FanoutFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * While the fan-out of a rename or delete has not reached an entity, the read API already answers
 * the state after it: the new name (a deleted tag gone), the version the entity's pending change will
 * have, the tag's entities and count with those still to be moved. The test holds the fan-out
 * runner's lock, so no entity is changed meanwhile.
 */
class FanOutReadApiIT extends RunningService {

    @Autowired
    DataSource dataSource;

    @Test
    void whileARenameAndADeleteFanOutTheApiAnswersTheStateAfterThem() throws Exception {
        String type = unique("api").toLowerCase(Locale.ROOT);
        String tag = unique("Before");
        String renamed = tag + "-after";
        String other = unique("Other");
        FanoutFixture.seed(jdbc, type, 3, List.of(tag, other));
        String entityPath = "/api/v1/entities/" + type + "/" + id(1) + "/tags";

        try (FanoutFixture.RunnerHold hold = new FanoutFixture.RunnerHold(dataSource)) {
            sendAndAwait(rename(tag, renamed));
            HttpResponse<String> entity = get(entityPath);
            assertThat(entity.headers().firstValue("ETag")).hasValue("W/\"2\"");
            assertThat(names(json(entity).get("tags"))).containsExactlyInAnyOrder(renamed, other);
            assertThat(json(get("/api/v1/tags/" + renamed)).get("entityCount").asLong())
                    .isEqualTo(3);
            assertThat(json(get("/api/v1/tags/" + renamed + "/entities"))
                            .get("items")
                            .size())
                    .isEqualTo(3);
            assertThat(get("/api/v1/tags/" + tag).statusCode()).isEqualTo(404);

            sendAndAwait(deleteTag(renamed));
            HttpResponse<String> afterDelete = get(entityPath);
            assertThat(afterDelete.headers().firstValue("ETag")).hasValue("W/\"3\"");
            assertThat(names(json(afterDelete).get("tags"))).containsExactly(other);
            assertThat(get("/api/v1/tags/" + renamed).statusCode()).isEqualTo(404);
            assertThat(FanoutFixture.entitiesAtVersion(jdbc, type, 1)).isEqualTo(3);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> FanoutFixture.entitiesAtVersion(jdbc, type, 3) == 3);
        HttpResponse<String> settled = get(entityPath);
        assertThat(settled.headers().firstValue("ETag")).hasValue("W/\"3\"");
        assertThat(names(json(settled).get("tags"))).containsExactly(other);
    }

    private static List<String> names(JsonNode tags) {
        List<String> names = new ArrayList<>();
        tags.forEach(tag -> names.add(tag.get("name").asString()));
        return names;
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(response.body());
    }
}
