package io.tagprocessor.tagging;

import java.time.Instant;
import java.util.UUID;

/** Who issued a command, from where and when; becomes the audit columns of what it changes. */
public record CommandContext(UUID commandId, Instant issuedAt, String issuedBy, String source, Instant appliedAt) {}
