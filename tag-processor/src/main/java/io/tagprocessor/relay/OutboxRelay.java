package io.tagprocessor.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagprocessor.config.FatalErrorHandler;
import io.tagprocessor.config.RelaySettings;
import io.tagprocessor.relay.OutboxPublisher.Refusal;
import io.tagprocessor.store.OutboxRepository;
import io.tagprocessor.store.OutboxRepository.StoredOutboxRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes outbox rows in id order, then deletes them once the broker acknowledged them
 * (at-least-once: a crash in between re-publishes the same rows with the same event ids). The leader
 * is the relay holding a PostgreSQL advisory lock on its own connection; when that connection dies the
 * lock goes with it and a standby takes over within {@code leadershipRetryInterval} (until the old
 * leader notices, both may publish the same rows: duplicates with the same ids, never a loss). The
 * leader sleeps on {@code LISTEN} and wakes at the commit of any transaction that wrote outbox rows,
 * with {@code pollInterval} as a fallback. It never stalls behind one row: a row the broker refuses for
 * good, or that keeps failing while the rows around it are published, is parked in
 * {@code outbox_parked} with the error and the rows behind it go on. A failure that escapes the loop
 * (an {@link Error}) goes to the {@link FatalErrorHandler}, which ends the process.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Advisory lock key of the relay leadership ("tagrelay" in ASCII). */
    static final long LEADER_LOCK_KEY = 0x7461677265_6c6179L;

    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?)";
    private static final String LISTEN = "LISTEN " + OutboxRepository.CHANNEL;

    private final RelayConnections connections;
    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final RelaySettings settings;
    private final FatalErrorHandler fatal;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean leader = new AtomicBoolean();
    private final Timer delay;
    private final Counter published;
    private final Counter parked;
    private volatile Thread worker;

    public OutboxRelay(
            RelayConnections connections,
            OutboxRepository outbox,
            OutboxPublisher publisher,
            RelaySettings settings,
            MeterRegistry meters,
            FatalErrorHandler fatal) {
        this.connections = connections;
        this.outbox = outbox;
        this.publisher = publisher;
        this.settings = settings;
        this.fatal = fatal;
        this.delay = Timer.builder("tag_processor.relay.delay")
                .description("From outbox row written to broker acknowledgement")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
        this.published = meters.counter("tag_processor.relay.published");
        this.parked = Counter.builder("tag_processor.relay.parked")
                .description("Outbox rows moved to outbox_parked because the broker refused them")
                .register(meters);
        meters.gauge("tag_processor.relay.leader", leader, l -> l.get() ? 1 : 0);
    }

    public boolean isLeader() {
        return leader.get();
    }

    /** The advisory lock key whose holder is the one active relay, for those who look for it. */
    public static long leaderLockKey() {
        return LEADER_LOCK_KEY;
    }

    @Override
    public synchronized void start() {
        if (running.compareAndSet(false, true)) {
            Thread thread = new Thread(this::run, "outbox-relay");
            thread.setDaemon(true);
            worker = thread;
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (running.compareAndSet(true, false)) {
            Thread thread = worker;
            worker = null;
            LockSupport.unpark(thread);
            try {
                thread.join(settings.pollInterval().toMillis() + TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The loop of the current worker only: a worker left over from before a restart ends. */
    private boolean mine() {
        return running.get() && worker == Thread.currentThread();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void run() {
        try {
            lead();
        } catch (Throwable t) { // an Error: the JVM is in doubt, only a restart helps
            stepDown();
            if (mine()) {
                fatal.fatal("relay", t);
            }
        }
    }

    private void lead() {
        while (mine()) {
            try (Connection connection = connections.open()) {
                if (tryLead(connection)) {
                    try {
                        relayWhileLeader(connection);
                    } finally {
                        stepDown();
                    }
                } else {
                    pause(settings.leadershipRetryInterval());
                }
            } catch (Exception e) {
                stepDown();
                if (mine()) {
                    log.warn("event=relay_error error={}", e.toString());
                    pause(settings.errorBackoff());
                }
            }
        }
    }

    private void stepDown() {
        if (leader.getAndSet(false)) {
            log.info("event=relay_leadership_released");
        }
    }

    private boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(TRY_LOCK)) {
            ps.setLong(1, LEADER_LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (Statement listen = connection.createStatement()) {
            listen.execute(LISTEN);
        }
        leader.set(true);
        log.info("event=relay_leadership_acquired");
        return true;
    }

    private void relayWhileLeader(Connection connection) throws Exception {
        PGConnection notifications = connection.unwrap(PGConnection.class);
        ParkingLot parkingLot = new ParkingLot(outbox, settings.parkAfterAttempts(), parked);
        while (mine()) {
            List<StoredOutboxRow> rows = outbox.nextBatch(
                    connection, settings.batchSize(), settings.maxBatchBytes().toBytes());
            if (rows.isEmpty()) {
                awaitWork(notifications);
                continue;
            }
            List<Refusal> refusals = publisher.publish(rows);
            Instant acked = Instant.now();
            Set<Long> refused = refusals.stream().map(Refusal::id).collect(Collectors.toSet());
            List<StoredOutboxRow> acknowledged =
                    rows.stream().filter(r -> !refused.contains(r.row().id())).toList();
            if (!acknowledged.isEmpty()) {
                outbox.delete(
                        connection, acknowledged.stream().map(r -> r.row().id()).toList());
                acknowledged.forEach(r -> delay.record(Duration.between(r.createdAt(), acked)));
                published.increment(acknowledged.size());
                logPublished(acknowledged);
            }
            if (parkingLot.settle(connection, refusals, !acknowledged.isEmpty())) {
                pause(settings.errorBackoff());
            }
        }
    }

    private static void logPublished(List<StoredOutboxRow> rows) {
        if (log.isDebugEnabled()) {
            for (StoredOutboxRow stored : rows) {
                try (RowMdc scope = RowMdc.of(stored.row())) {
                    log.debug(
                            "event=event_published topic={} event_type={}",
                            stored.row().topic(),
                            stored.row().eventType());
                }
            }
        }
    }

    private void awaitWork(PGConnection notifications) throws SQLException {
        if (settings.wakeOnCommit()) {
            notifications.getNotifications((int) settings.pollInterval().toMillis());
        } else {
            pause(settings.pollInterval());
        }
    }

    private void pause(Duration duration) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(duration.toMillis()));
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
