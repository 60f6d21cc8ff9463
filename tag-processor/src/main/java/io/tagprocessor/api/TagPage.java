package io.tagprocessor.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of tags; {@code next} is the {@code after} of the following page, null on the last. */
record TagPage(
        List<TagSummary> items,

        @Schema(description = "Pass as after= for the next page; absent (null) on the last page")
        String next) {}
