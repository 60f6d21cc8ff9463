package io.tagprocessor.api;

import java.time.Instant;

/** An entity that carries a tag, with who assigned it, when, and from which service. */
record TaggedEntity(String entityType, String entityId, Instant assignedAt, String assignedBy, String source) {}
