package io.tagprocessor.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of a tag's entities; {@code next} ({@code <entityType>:<entityId>} of the last item) is the
 * {@code after} of the following page, null on the last.
 */
record EntityPage(
        List<TaggedEntity> items,

        @Schema(description = "Pass as after= for the next page; absent (null) on the last page")
        String next) {}
