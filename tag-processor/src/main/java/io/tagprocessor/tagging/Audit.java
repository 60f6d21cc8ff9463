package io.tagprocessor.tagging;

import java.time.Instant;
import java.util.UUID;

/** Who changed a row, when, from which service and by which command. */
public record Audit(String actor, Instant at, String source, UUID commandId) {}
