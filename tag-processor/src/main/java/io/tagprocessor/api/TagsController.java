package io.tagprocessor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagprocessor.tagging.EntityKey;
import io.tagprocessor.tagging.TagName;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tags by prefix, one tag, and a tag's entities; lists are keyset pages of at most 500. */
@RestController
@RequestMapping(path = "/api/v1/tags", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "tags", description = "Tags and the entities that carry them")
class TagsController {

    private final TagReadQueries queries;

    TagsController(TagReadQueries queries) {
        this.queries = queries;
    }

    @Operation(summary = "Tags by prefix", description = "In byte order of the normalized name.")
    @ApiResponse(responseCode = "200", description = "One page of tags")
    @ProblemResponses
    @GetMapping
    TagPage tags(
            @Parameter(description = "Start of the normalized (lower-case) name; empty for all")
                    @RequestParam(defaultValue = "")
                    String prefix,
            @Parameter(description = "The next of the previous page") @RequestParam(required = false) String after,
            @Parameter(description = "1-500") @RequestParam(defaultValue = "" + Inputs.DEFAULT_LIMIT) int limit) {
        String from = Inputs.prefix(prefix);
        String cursor = after == null ? "" : Inputs.tagName("after", after).normalized();
        int size = Inputs.limit(limit);
        List<TagReadQueries.Named<TagSummary>> rows = queries.tagsByPrefix(from, cursor, size + 1);
        boolean more = rows.size() > size;
        List<TagReadQueries.Named<TagSummary>> page = more ? rows.subList(0, size) : rows;
        String next = more ? page.get(size - 1).normalizedName() : null;
        return new TagPage(page.stream().map(TagReadQueries.Named::value).toList(), next);
    }

    @Operation(summary = "One tag and the number of entities that carry it")
    @ApiResponse(responseCode = "200", description = "The tag")
    @ProblemResponses
    @NotFoundResponse
    @GetMapping("/{name}")
    TagDetail tag(@Parameter(description = "Any spelling of the name (URL-encoded)") @PathVariable String name) {
        TagName tag = Inputs.tagName("name", name);
        return queries.tag(tag.normalized()).orElseThrow(() -> tagNotFound(tag));
    }

    @Operation(summary = "The entities that carry a tag", description = "In entity key order.")
    @ApiResponse(responseCode = "200", description = "One page of entities")
    @ProblemResponses
    @NotFoundResponse
    @GetMapping("/{name}/entities")
    EntityPage entities(
            @Parameter(description = "Any spelling of the name (URL-encoded)") @PathVariable String name,
            @Parameter(description = "The next of the previous page: <entityType>:<entityId>")
                    @RequestParam(required = false)
                    String after,
            @Parameter(description = "1-500") @RequestParam(defaultValue = "" + Inputs.DEFAULT_LIMIT) int limit) {
        TagName tag = Inputs.tagName("name", name);
        EntityKey cursor = Inputs.entityCursor(after);
        int size = Inputs.limit(limit);
        long tagId = queries.tagId(tag.normalized()).orElseThrow(() -> tagNotFound(tag));
        List<TaggedEntity> rows = queries.entitiesOf(tagId, cursor, size + 1);
        boolean more = rows.size() > size;
        List<TaggedEntity> page = more ? rows.subList(0, size) : rows;
        String next = more
                ? page.get(size - 1).entityType() + ":" + page.get(size - 1).entityId()
                : null;
        return new EntityPage(List.copyOf(page), next);
    }

    private static ApiProblem tagNotFound(TagName tag) {
        return ApiProblem.notFound("TAG_NOT_FOUND", "no tag is named " + tag.normalized());
    }
}
