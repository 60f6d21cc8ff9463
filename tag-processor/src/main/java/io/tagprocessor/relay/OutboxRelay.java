package io.tagprocessor.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.config.FatalErrorHandler;
import io.tagprocessor.config.RelayProducers;
import io.tagprocessor.config.RelaySettings;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.outbox.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.relay.OutboxPublisher.Refusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes outbox rows in id order, then deletes them once the broker acknowledged them
 * (at-least-once: a crash in between re-publishes the same rows with the same event ids). The leader
 * is the relay holding a PostgreSQL advisory lock on its own connection ({@link Leadership}); when
 * that connection dies the lock goes with it and a standby takes over within
 * {@code leadershipRetryInterval}; when the leader stops renewing its lease while its session lives on
 * (frozen, cut off behind a live TCP stack), a standby terminates that session after
 * {@code leaseTimeout} and takes over. Each term publishes through its transactional producers in
 * turn ({@link OutboxPublisher}), whose {@code initTransactions} fences the former leader's at the
 * broker: whatever a zombie sends late is aborted, so a read_committed subscriber never sees stale
 * state. The leader sleeps until a
 * transaction that wrote outbox rows commits ({@link WorkSignal}: in process, or by {@code NOTIFY}
 * from other processes), with {@code pollInterval} as a fallback. It never stalls behind one row: a
 * row the broker refuses for good, or that keeps failing while the rows around it are published, is
 * parked in {@code outbox_parked} with the error and the rows behind it go on. A failure that escapes
 * the loop (an {@link Error}) goes to the {@link FatalErrorHandler}, which ends the process.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelayConnections connections;
    private final OutboxRepository outbox;
    private final RelayProducers producers;
    private final String holder = "relay-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private final RelaySettings settings;
    private final FatalErrorHandler fatal;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean leader = new AtomicBoolean();
    private final RelayMeters meters;
    private volatile Thread worker;

    public OutboxRelay(
            RelayConnections connections,
            OutboxRepository outbox,
            RelayProducers producers,
            RelaySettings settings,
            MeterRegistry meters,
            FatalErrorHandler fatal) {
        this.connections = connections;
        this.outbox = outbox;
        this.producers = producers;
        this.settings = settings;
        this.fatal = fatal;
        this.meters = RelayMeters.register(meters, leader);
    }

    public boolean isLeader() {
        return leader.get();
    }

    /** The advisory lock key whose holder is the relay leader (a former one may run on, fenced at the broker). */
    public static long leaderLockKey() {
        return Leadership.LOCK_KEY;
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
                OptionalLong epoch = tryLead(connection);
                if (epoch.isPresent()) {
                    try (WorkSignal signal = WorkSignal.listen(connection, outbox, settings.wakeOnCommit());
                            OutboxVacuum vacuum =
                                    new OutboxVacuum(connections, outbox, settings.vacuumAfterRows(), meters.vacuum());
                            OutboxPublisher publisher = OutboxPublisher.open(producers, settings.producers())) {
                        relayWhileLeader(
                                connection,
                                new Term(epoch.getAsLong(), settings.leaseTimeout()),
                                publisher,
                                signal,
                                vacuum);
                    } finally {
                        stepDown();
                    }
                } else if (!Leadership.evictExpired(connection, settings.leaseTimeout())) {
                    pause(settings.leadershipRetryInterval());
                } else {
                    log.warn("event=relay_leader_evicted reason=lease_expired lease={}", settings.leaseTimeout());
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

    private OptionalLong tryLead(Connection connection) throws SQLException {
        OptionalLong epoch = Leadership.tryAcquire(connection, holder);
        if (epoch.isEmpty()) {
            return epoch;
        }
        leader.set(true);
        log.info("event=relay_leadership_acquired epoch={} holder={}", epoch.getAsLong(), holder);
        return epoch;
    }

    /**
     * Publishes batches until the term ends. The rows of a published batch are deleted by the
     * statement that reads the next batch (one round trip, one commit), those of the last batch when
     * the term ends; after a failure the next term publishes them again, with the same ids.
     */
    private void relayWhileLeader(
            Connection connection, Term term, OutboxPublisher publisher, WorkSignal signal, OutboxVacuum vacuum)
            throws Exception {
        ParkingLot parkingLot = new ParkingLot(outbox, settings.parkAfterAttempts(), meters.parked());
        List<Long> acknowledged = List.of();
        while (mine()) {
            if (!term.renewIfDue(connection)) {
                log.warn("event=relay_fenced epoch={}", term.epoch());
                break;
            }
            List<StoredOutboxRow> rows = outbox.nextBatch(
                    connection,
                    acknowledged,
                    settings.batchSize(),
                    settings.maxBatchBytes().toBytes());
            vacuum.deleted(acknowledged.size());
            acknowledged = List.of();
            if (rows.isEmpty()) {
                signal.await(term.capped(settings.pollInterval()), this::mine);
                continue;
            }
            List<Refusal> refusals = publisher.publish(rows);
            if (refusals.isEmpty()) {
                Instant acked = Instant.now();
                acknowledged = rows.stream().map(r -> r.row().id()).toList();
                rows.forEach(r -> meters.delay().record(Duration.between(r.createdAt(), acked)));
                meters.published().increment(rows.size());
                RowMdc.logPublished(log, rows);
            } else if (parkingLot.settle(connection, refusals, refusals.size() < rows.size())) {
                pause(settings.errorBackoff());
            }
            if (publisher.broken()) {
                log.warn("event=relay_producer_broken action=new_term epoch={}", term.epoch());
                break;
            }
        }
        if (!acknowledged.isEmpty()) {
            outbox.delete(connection, acknowledged);
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
