package io.tagprocessor.tagging;

/** The key of one entity, as stored. */
public record EntityRow(String entityType, String entityId) {}
