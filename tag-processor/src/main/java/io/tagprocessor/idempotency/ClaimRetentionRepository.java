package io.tagprocessor.idempotency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Deletes claims whose commands the topic no longer holds: first the copies of claimed commands
 * that left the topic, then the claims below a partition's log start that have no copy left.
 * Bounded chunks, each under a try-lock so that only one instance prunes at a time.
 */
@Repository
public class ClaimRetentionRepository {

    /** The advisory lock key of pruning ("tpprune" in ASCII). */
    private static final long PRUNE_LOCK = 0x74707072756e65L;

    private static final String TRY_PRUNE_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";

    private static final String DELETE_COPIES_BEFORE = """
            DELETE FROM claim_copies
            WHERE (command_id, topic, partition, "offset") IN (
                SELECT command_id, topic, partition, "offset" FROM claim_copies
                WHERE topic = :topic AND partition = :partition AND "offset" < :logStart
                LIMIT :limit)
            """;

    private static final String DELETE_CLAIMS_BEFORE = """
            DELETE FROM processed_events
            WHERE command_id IN (
                SELECT p.command_id FROM processed_events p
                WHERE p.topic = :topic AND p.partition = :partition AND p."offset" < :logStart
                  AND NOT EXISTS (SELECT 1 FROM claim_copies c WHERE c.command_id = p.command_id)
                LIMIT :limit)
            """;

    private final JdbcClient jdbc;

    public ClaimRetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the pruning lock for the current transaction; false when another instance holds it. */
    public boolean tryLock() {
        return Boolean.TRUE.equals(jdbc.sql(TRY_PRUNE_LOCK)
                .param("key", PRUNE_LOCK)
                .query(Boolean.class)
                .single());
    }

    /** Deletes up to {@code limit} copies read from the partition before {@code logStart}. */
    public int deleteCopiesBefore(String topic, int partition, long logStart, int limit) {
        return deleteBefore(DELETE_COPIES_BEFORE, topic, partition, logStart, limit);
    }

    /** Deletes up to {@code limit} claims read from the partition before {@code logStart} with no copy left. */
    public int deleteClaimsBefore(String topic, int partition, long logStart, int limit) {
        return deleteBefore(DELETE_CLAIMS_BEFORE, topic, partition, logStart, limit);
    }

    private int deleteBefore(String statement, String topic, int partition, long logStart, int limit) {
        return jdbc.sql(statement)
                .param("topic", topic)
                .param("partition", partition)
                .param("logStart", logStart)
                .param("limit", limit)
                .update();
    }
}
