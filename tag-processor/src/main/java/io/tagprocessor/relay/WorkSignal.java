package io.tagprocessor.relay;

import io.tagprocessor.outbox.OutboxRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * How the leading relay waits for work, for one term: woken in process right after a transaction of
 * this process appended outbox rows and committed ({@link OutboxRepository#wakeInProcess}), by a
 * {@code NOTIFY} from another process's transaction (looked for every {@link #NOTIFY_CHECK} among what
 * the leader's connection has already received, without a round trip), or once the wait is over. A
 * relay that does not wake on commit (the baseline mode) only waits.
 */
final class WorkSignal implements AutoCloseable {

    /** How often a waiting leader looks for a NOTIFY from other processes. */
    static final Duration NOTIFY_CHECK = Duration.ofMillis(10);

    private static final String LISTEN = "LISTEN " + OutboxRepository.CHANNEL;

    private final AtomicBoolean woken = new AtomicBoolean();
    private final Thread waiter = Thread.currentThread();
    private final Runnable wake = this::wake;
    private final OutboxRepository outbox;
    private final PGConnection notifications;

    private WorkSignal(OutboxRepository outbox, PGConnection notifications) {
        this.outbox = outbox;
        this.notifications = notifications;
    }

    /**
     * Starts listening on the leader's connection; the calling thread is the one that waits.
     *
     * @param onCommit false for a relay that only polls
     */
    static WorkSignal listen(Connection connection, OutboxRepository outbox, boolean onCommit) throws SQLException {
        if (!onCommit) {
            return new WorkSignal(outbox, null);
        }
        try (Statement listen = connection.createStatement()) {
            listen.execute(LISTEN);
        }
        WorkSignal signal = new WorkSignal(outbox, connection.unwrap(PGConnection.class));
        outbox.wakeInProcess(signal.wake);
        return signal;
    }

    /** Ends the current or the next wait; safe from any thread. */
    void wake() {
        woken.set(true);
        LockSupport.unpark(waiter);
    }

    /** Returns once woken, notified, {@code wait} passed or {@code stillWaiting} turned false. */
    void await(Duration wait, BooleanSupplier stillWaiting) throws SQLException {
        if (notifications == null) {
            LockSupport.parkNanos(this, wait.toNanos());
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (!woken.getAndSet(false) && stillWaiting.getAsBoolean()) {
            PGNotification[] received = notifications.getNotifications();
            long left = deadline - System.nanoTime();
            if ((received != null && received.length > 0) || left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, Math.min(left, NOTIFY_CHECK.toNanos()));
        }
    }

    /** The term ended: this process's commits send a NOTIFY again, to whichever relay leads next. */
    @Override
    public void close() {
        outbox.stopWakingInProcess(wake);
    }
}
