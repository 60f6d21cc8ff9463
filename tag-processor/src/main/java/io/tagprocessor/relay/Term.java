package io.tagprocessor.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One leadership term of this relay: its epoch and when its lease was last renewed. The lease is
 * renewed every third of the lease timeout, so a leader that is alive never looks expired to a
 * standby; a renewal that finds a later epoch means this leader was evicted (fenced).
 */
final class Term {

    private final long epoch;
    private final long renewEveryNanos;
    private long renewedAt = System.nanoTime();

    Term(long epoch, Duration leaseTimeout) {
        this.epoch = epoch;
        this.renewEveryNanos = leaseTimeout.toNanos() / 3;
    }

    long epoch() {
        return epoch;
    }

    /** Renews the lease when due; false when a later term began. */
    boolean renewIfDue(Connection connection) throws SQLException {
        if (System.nanoTime() - renewedAt < renewEveryNanos) {
            return true;
        }
        if (!Leadership.renew(connection, epoch)) {
            return false;
        }
        renewedAt = System.nanoTime();
        return true;
    }

    /** {@code wait}, or less when the lease falls due sooner. */
    Duration capped(Duration wait) {
        return wait.toNanos() > renewEveryNanos ? Duration.ofNanos(renewEveryNanos) : wait;
    }
}
