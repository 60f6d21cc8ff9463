package io.tagprocessor.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An entity's current tags, sorted by normalized name, and its version (the response's ETag). */
record EntityTags(
        String entityType,
        String entityId,

        @Schema(description = "Grows by one with every change of the entity's tags; the ETag")
        long version,

        List<TagSummary> tags) {}
