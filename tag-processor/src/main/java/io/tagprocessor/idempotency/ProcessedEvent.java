package io.tagprocessor.idempotency;

import java.time.Instant;

/**
 * One command read, as recorded in {@code processed_events}: which record it was, what became of
 * it ({@code APPLIED}, {@code NO_EFFECT}, {@code REJECTED}, {@code DEAD_LETTERED}) and who issued
 * it (null when the record could not be decoded).
 */
public record ProcessedEvent(
        String commandId,
        String topic,
        int partition,
        long offset,
        String outcome,
        String reason,
        String issuedBy,
        Instant processedAt) {}
