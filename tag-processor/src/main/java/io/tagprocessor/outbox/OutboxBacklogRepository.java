package io.tagprocessor.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far behind the relay is: the rows waiting in {@code outbox} (counted up to a cap, so a huge
 * backlog costs a bounded scan) and the age of the oldest, measured on the database's clock (the
 * clock that stamped it); and how many rows wait in {@code outbox_parked} for an operator. Not a Spring bean: built with a client whose statements time out, for
 * health checks and metric scrapes that must not hang.
 */
public final class OutboxBacklogRepository {

    private static final String SELECT_BACKLOG = """
            SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox LIMIT :cap) capped) AS waiting,
                   coalesce((SELECT EXTRACT(EPOCH FROM clock_timestamp() - created_at)
                             FROM outbox ORDER BY id LIMIT 1), 0) AS oldest_age_seconds,
                   (SELECT count(*) FROM (SELECT 1 FROM outbox_parked LIMIT :cap) capped) AS parked
            """;

    private final JdbcClient jdbc;

    public OutboxBacklogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows waiting (at most {@code cap}) and the oldest one's age in seconds (0 when none). */
    public Backlog backlog(long cap) {
        return jdbc.sql(SELECT_BACKLOG)
                .param("cap", cap)
                .query((rs, row) -> new Backlog(rs.getLong(1), rs.getDouble(2), rs.getLong(3)))
                .single();
    }

    /** The outbox's backlog at one moment, and the rows parked for an operator (each up to the cap). */
    public record Backlog(long rows, double oldestAgeSeconds, long parked) {}
}
