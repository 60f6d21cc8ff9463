package io.tagprocessor.store;

/** The key of one entity, as stored. */
public record EntityRow(String entityType, String entityId) {}
