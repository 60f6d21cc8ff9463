package io.tagprocessor.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A transaction-scoped PostgreSQL advisory lock guarding the set of tags against renames and
 * deletes. Batches that only assign, unassign or define hold it shared (they never wait for each
 * other); a batch that renames or deletes a tag holds it exclusively, so no assignment can point
 * at a tag being deleted and no event can carry a name being changed. Taken first in the
 * transaction, before any row lock, it adds no deadlock. How long the exclusive lock is held (from
 * granted to the end of the transaction) is how long every other batch is held back: it is timed
 * ({@code tag_processor.tag_structure.exclusive}) and logged ({@code event=tag_structure_pause}).
 */
@Repository
public class TagStructureLock {

    /** The advisory lock key ("tagstruc" in ASCII). */
    public static final long KEY = 0x7461677374727563L;

    private static final String LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(?)";
    private static final String LOCK_EXCLUSIVE = "SELECT pg_advisory_xact_lock(?)";

    private static final Logger log = LoggerFactory.getLogger(TagStructureLock.class);

    private final JdbcTemplate jdbc;
    private final Timer exclusiveHeld;

    public TagStructureLock(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.exclusiveHeld = Timer.builder("tag_processor.tag_structure.exclusive")
                .description("How long a rename or delete held the tag-structure lock, pausing every other batch")
                .register(meters);
    }

    public void shared() {
        jdbc.query(LOCK_SHARED, rs -> {}, KEY);
    }

    /** Adds the shared lock to {@code pipeline}: taken when the caller runs it, before its later statements. */
    public void shared(StatementPipeline pipeline) {
        pipeline.write(ArrayStatement.of(LOCK_SHARED).value(KEY));
    }

    public void exclusive() {
        jdbc.query(LOCK_EXCLUSIVE, rs -> {}, KEY);
        long granted = System.nanoTime();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    long held = System.nanoTime() - granted;
                    exclusiveHeld.record(held, TimeUnit.NANOSECONDS);
                    log.info(
                            "event=tag_structure_pause held_ms={} committed={}",
                            TimeUnit.NANOSECONDS.toMillis(held),
                            status == STATUS_COMMITTED);
                }
            });
        }
    }
}
