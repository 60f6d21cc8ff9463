package io.tagprocessor.api;

import static io.tagprocessor.pipeline.Commands.assign;
import static io.tagprocessor.pipeline.Commands.define;
import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.http.RunningService;
import io.tagprocessor.pipeline.Commands;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The read API over real HTTP, on state the running service built from real commands. */
class ReadApiIT extends RunningService {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Test
    void anEntitysTagsComeSortedWithItsVersionAsETag() {
        String entity = unique("doc");
        String tag = unique("Zeta");
        sendAndAwait(assign("document", entity, tag), assign("document", entity, "Alpha " + entity));
        sendAndAwait(define(tag, "last letter", "#00FF00"));

        HttpResponse<String> response = get("/api/v1/entities/document/" + entity + "/tags");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("W/\"2\"");
        JsonNode body = json(response);
        assertThat(body.get("entityType").asString()).isEqualTo("document");
        assertThat(body.get("entityId").asString()).isEqualTo(entity);
        assertThat(body.get("version").asLong()).isEqualTo(2);
        assertThat(body.get("tags").findValuesAsString("name")).containsExactly("Alpha " + entity, tag);
        assertThat(body.get("tags").get(1).get("description").asString()).isEqualTo("last letter");
        assertThat(body.get("tags").get(1).get("color").asString()).isEqualTo("#00FF00");
    }

    @Test
    void anUnchangedEntityAnswersNotModifiedUntilItsTagsChange() {
        String entity = unique("doc");
        sendAndAwait(assign("document", entity, unique("first")));
        String path = "/api/v1/entities/document/" + entity + "/tags";

        HttpResponse<String> unchanged =
                send(request(path).header("If-None-Match", "W/\"1\"").GET().build());
        sendAndAwait(assign("document", entity, unique("second")));
        HttpResponse<String> changed =
                send(request(path).header("If-None-Match", "W/\"1\"").GET().build());

        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).hasValue("W/\"2\"");
        assertThat(changed.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void anEntityIdWithSlashesAndPercentSignsIsOnePathSegment() {
        String entity = "dir/" + unique("file") + "%20x";
        sendAndAwait(assign("file", entity, unique("odd")));

        HttpResponse<String> response = get("/api/v1/entities/file/" + encode(entity) + "/tags");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("entityId").asString()).isEqualTo(entity);
    }

    @Test
    void tagsByPrefixComeInPagesThatFollowOneAnother() {
        String prefix = unique("pfx").toLowerCase(Locale.ROOT);
        List<String> names =
                IntStream.range(0, 5).mapToObj(i -> prefix + "-" + i).toList();
        String entity = unique("e");
        sendAndAwait(names.stream()
                .map(name -> assign("page", entity, name.toUpperCase(Locale.ROOT)))
                .toArray(Commands.Keyed[]::new));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String next = null;
        do {
            String query = "?prefix=" + encode(prefix.toUpperCase(Locale.ROOT)) + "&limit=2"
                    + (next == null ? "" : "&after=" + encode(next));
            JsonNode page = json(get("/api/v1/tags" + query));
            page.get("items").forEach(item -> seen.add(item.get("name").asString()));
            pageSizes.add(page.get("items").size());
            next = page.get("next").isNull() ? null : page.get("next").asString();
        } while (next != null);

        assertThat(seen)
                .containsExactlyElementsOf(names.stream()
                        .map(name -> name.toUpperCase(Locale.ROOT))
                        .toList());
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void aTagShowsItsDetailAndHowManyEntitiesCarryIt() {
        String tag = "Team/" + unique("Ops");
        sendAndAwait(
                assign("service", unique("a"), tag),
                assign("service", unique("b"), tag),
                assign("service", unique("c"), tag));

        HttpResponse<String> response = get("/api/v1/tags/" + encode(tag.toLowerCase(Locale.ROOT)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("name").asString()).isEqualTo(tag);
        assertThat(body.get("normalizedName").asString()).isEqualTo(tag.toLowerCase(Locale.ROOT));
        assertThat(body.get("entityCount").asLong()).isEqualTo(3);
        assertThat(body.get("createdBy").asString()).isEqualTo("alice");
    }

    @Test
    void aTagsEntitiesComeInKeyOrderPageByPage() {
        String tag = unique("popular");
        String base = unique("ent");
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> base + "-" + i).toList();
        sendAndAwait(ids.stream().map(id -> assign("item", id, tag)).toArray(Commands.Keyed[]::new));

        List<String> seen = new ArrayList<>();
        String next = null;
        do {
            String query = "?limit=3" + (next == null ? "" : "&after=" + encode(next));
            JsonNode page = json(get("/api/v1/tags/" + encode(tag) + "/entities" + query));
            page.get("items").forEach(item -> {
                assertThat(item.get("entityType").asString()).isEqualTo("item");
                assertThat(item.get("assignedBy").asString()).isEqualTo("alice");
                seen.add(item.get("entityId").asString());
            });
            next = page.get("next").isNull() ? null : page.get("next").asString();
        } while (next != null);

        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/tags?limit=0, INVALID_LIMIT, limit",
        "/api/v1/tags?limit=501, INVALID_LIMIT, limit",
        "/api/v1/tags?prefix=a%3Bb, INVALID_TAG_NAME, prefix",
        "/api/v1/tags/a%3Cscript%3E, INVALID_TAG_NAME, name",
        "/api/v1/tags/ok/entities?after=no-colon, INVALID_CURSOR, after",
        "/api/v1/tags/ok/entities?limit=9999, INVALID_LIMIT, limit",
        "/api/v1/entities/Not-Lower/x/tags, INVALID_ENTITY_TYPE, entityType/entityId",
    })
    void aBrokenRuleIsABadRequestProblemNamingTheParameter(String path, String code, String parameter) {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    @Test
    void aLimitThatIsNoNumberAndAnOverlongPrefixAreBadRequests() {
        assertThat(get("/api/v1/tags?limit=lots").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/tags?prefix=" + "a".repeat(65)).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/tags?limit=lots").headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    @Test
    void unknownEntitiesAndTagsAreNotFoundProblems() {
        HttpResponse<String> entity = get("/api/v1/entities/document/" + unique("never") + "/tags");
        HttpResponse<String> tag = get("/api/v1/tags/" + unique("never"));
        HttpResponse<String> entities = get("/api/v1/tags/" + unique("never") + "/entities");

        assertThat(List.of(entity, tag, entities)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        });
        assertThat(json(entity).get("code").asString()).isEqualTo("ENTITY_NOT_FOUND");
        assertThat(json(tag).get("code").asString()).isEqualTo("TAG_NOT_FOUND");
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 499);
        return JSON.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
