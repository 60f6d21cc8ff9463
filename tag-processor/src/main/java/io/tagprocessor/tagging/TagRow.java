package io.tagprocessor.tagging;

/**
 * One row of {@code tags}. {@code eventKey} is the Kafka key of the tag's own events: {@code tag:} and
 * the normalized name it was created with, kept across renames.
 */
public record TagRow(
        long id, String normalizedName, String displayName, String description, String color, String eventKey) {}
