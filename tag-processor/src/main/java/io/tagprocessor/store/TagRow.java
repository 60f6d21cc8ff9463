package io.tagprocessor.store;

/** One row of {@code tags}. */
public record TagRow(long id, String normalizedName, String displayName, String description, String color) {}
