package io.tagprocessor.api;

import java.time.Instant;

/** One tag with its audit fields and the number of entities that carry it. */
record TagDetail(
        String name,
        String normalizedName,
        String description,
        String color,
        long entityCount,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {}
