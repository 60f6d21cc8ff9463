package io.tagprocessor.tagging;

import java.util.UUID;

/** A rename or delete left the change of {@code entities} entities to the fan-out (published in its transaction). */
public record FanoutScheduled(UUID commandId, long entities) {}
