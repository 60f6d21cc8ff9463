package io.tagprocessor.tagging;

import java.time.Instant;
import java.util.UUID;

/**
 * One pending fan-out job: the retired tag row whose assignments still await their change, the row
 * its tag became ({@code successorId}, null for a delete), both rows' names (names of a row never
 * change), and the command that caused it.
 */
public record FanoutJobRow(
        long id,
        long tagId,
        Long successorId,
        String oldNormalized,
        String oldDisplay,
        String newNormalized,
        String newDisplay,
        UUID commandId,
        String issuedBy,
        String source,
        Instant appliedAt,
        long entityCount) {

    public boolean deletes() {
        return successorId == null;
    }
}
