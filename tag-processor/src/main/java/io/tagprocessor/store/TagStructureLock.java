package io.tagprocessor.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A transaction-scoped PostgreSQL advisory lock guarding the set of tags against renames and
 * deletes. Batches that only assign, unassign or define hold it shared (they never wait for each
 * other); a batch that renames or deletes a tag holds it exclusively, so no assignment can point
 * at a tag being deleted and no event can carry a name being changed. Taken first in the
 * transaction, before any row lock, it adds no deadlock.
 */
@Repository
public class TagStructureLock {

    /** The advisory lock key ("tagstruc" in ASCII). */
    public static final long KEY = 0x7461677374727563L;

    private static final String LOCK_SHARED = "SELECT pg_advisory_xact_lock_shared(?)";
    private static final String LOCK_EXCLUSIVE = "SELECT pg_advisory_xact_lock(?)";

    private final JdbcTemplate jdbc;

    public TagStructureLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void shared() {
        jdbc.query(LOCK_SHARED, rs -> {}, KEY);
    }

    public void exclusive() {
        jdbc.query(LOCK_EXCLUSIVE, rs -> {}, KEY);
    }
}
