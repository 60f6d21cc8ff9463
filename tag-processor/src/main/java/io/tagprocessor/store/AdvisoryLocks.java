package io.tagprocessor.store;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whether some session of this database holds an advisory lock, whichever instance it belongs to
 * ({@code pg_locks}: a {@code bigint} key is stored as its high and low 32 bits, {@code objsubid} 1).
 * Not a Spring bean: built with a client whose statements time out.
 */
public final class AdvisoryLocks {

    private static final String SELECT_HELD = """
            SELECT EXISTS (
                SELECT 1 FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 1
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND classid::bigint = :high AND objid::bigint = :low)
            """;

    private final JdbcClient jdbc;

    public AdvisoryLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isHeld(long key) {
        return jdbc.sql(SELECT_HELD)
                .param("high", key >>> 32)
                .param("low", key & 0xFFFF_FFFFL)
                .query(Boolean.class)
                .single();
    }
}
