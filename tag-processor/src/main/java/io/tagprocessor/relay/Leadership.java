package io.tagprocessor.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The relay's leadership on one PostgreSQL session: the advisory lock, the term's epoch and its lease
 * ({@code relay_leader}). A leader renews its lease; a standby that finds it expired terminates the
 * session holding the lock (a leader frozen or cut off, whose session the server still keeps alive),
 * so that the lock is released and the standby can take the next term.
 */
final class Leadership {

    /** Advisory lock key of the relay leadership ("tagrelay" in ASCII). */
    static final long LOCK_KEY = 0x7461677265_6c6179L;

    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?)";

    private static final String TAKE_TERM = """
            UPDATE relay_leader
            SET epoch = epoch + 1, holder = ?, renewed_at = clock_timestamp()
            WHERE id = 1
            RETURNING epoch
            """;

    private static final String RENEW_LEASE = """
            UPDATE relay_leader SET renewed_at = clock_timestamp() WHERE id = 1 AND epoch = ?
            """;

    private static final String LEASE_EXPIRED = """
            SELECT renewed_at < clock_timestamp() - make_interval(secs => ?) FROM relay_leader WHERE id = 1
            """;

    /**
     * A bigint advisory key shows in pg_locks as classid (high half), objid (low half), objsubid 1;
     * advisory locks are per database, and pg_locks shows every database of the server.
     */
    private static final String TERMINATE_HOLDER = """
            SELECT pg_terminate_backend(pid)
            FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid::bigint = ? AND objid::bigint = ? AND pid <> pg_backend_pid()
            """;

    private Leadership() {}

    /** Takes the lock and the next term on this session; the term's epoch, or empty when another holds the lock. */
    static OptionalLong tryAcquire(Connection connection, String holder) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return OptionalLong.empty();
                }
            }
        }
        try (PreparedStatement term = connection.prepareStatement(TAKE_TERM)) {
            term.setString(1, holder);
            try (ResultSet rs = term.executeQuery()) {
                rs.next();
                return OptionalLong.of(rs.getLong(1));
            }
        }
    }

    /** Renews the lease of term {@code epoch}; false when a later term began (this leader was fenced). */
    static boolean renew(Connection connection, long epoch) throws SQLException {
        try (PreparedStatement renew = connection.prepareStatement(RENEW_LEASE)) {
            renew.setLong(1, epoch);
            return renew.executeUpdate() == 1;
        }
    }

    /** When the leader's lease is older than {@code lease}, terminates its session; true when one was. */
    static boolean evictExpired(Connection connection, Duration lease) throws SQLException {
        try (PreparedStatement expired = connection.prepareStatement(LEASE_EXPIRED)) {
            expired.setDouble(1, lease.toMillis() / 1000.0);
            try (ResultSet rs = expired.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (PreparedStatement terminate = connection.prepareStatement(TERMINATE_HOLDER)) {
            terminate.setLong(1, LOCK_KEY >>> 32);
            terminate.setLong(2, LOCK_KEY & 0xFFFF_FFFFL);
            try (ResultSet rs = terminate.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
