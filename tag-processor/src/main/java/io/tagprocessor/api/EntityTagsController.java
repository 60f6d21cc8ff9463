package io.tagprocessor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tagprocessor.tagging.EntityKey;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An entity's tags. The weak ETag is the entity's version, which grows with every change of its tag
 * set (so {@code If-None-Match} answers {@code 304} while the set is unchanged).
 */
@RestController
@Tag(name = "entities", description = "The tags of one entity")
class EntityTagsController {

    private final TagReadQueries queries;

    EntityTagsController(TagReadQueries queries) {
        this.queries = queries;
    }

    @Operation(
            summary = "The tags of an entity",
            description = "Sorted by normalized name. ETag W/\"<version>\"; If-None-Match answers 304.")
    @ApiResponse(
            responseCode = "200",
            description = "The entity's tags and version",
            headers = @Header(name = "ETag", description = "W/\"<version>\""))
    @ProblemResponses
    @NotFoundResponse
    @GetMapping(path = "/api/v1/entities/{entityType}/{entityId}/tags", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<EntityTags> entityTags(
            @Parameter(description = "1-64 characters of [a-z0-9_.-]") @PathVariable String entityType,
            @Parameter(description = "1-128 printable characters (URL-encoded)") @PathVariable String entityId) {
        EntityKey entity = Inputs.entity(entityType, entityId);
        EntityTags tags = queries.entityTags(entity)
                .orElseThrow(() -> ApiProblem.notFound(
                        "ENTITY_NOT_FOUND", "no command has ever changed the tags of " + entity.key()));
        // no-cache, not the security layer's no-store: a client may keep the body and revalidate it
        return ResponseEntity.ok()
                .eTag("W/\"" + tags.version() + "\"")
                .cacheControl(CacheControl.noCache())
                .body(tags);
    }
}
