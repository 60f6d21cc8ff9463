package io.tagprocessor.chaos;

import io.tagprocessor.testinfra.ServiceProcess;
import io.tagprocessor.testinfra.StandaloneKafka;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the run's faults one after the other, each once the harness has sent its share of the
 * records and while the service still has records to claim (so every fault hits a service in the
 * middle of its work), at a seeded random instant within a short window after that point. Runs on its
 * own thread; {@link #await} waits until the last fault has been fired and every instance it stopped is
 * back.
 */
final class FaultInjector {

    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

    private final List<Fault> faults;
    private final Fleet fleet;
    private final StandaloneKafka kafka;
    private final ChaosDatabase database;
    private final Progress progress;
    private final Random random;
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger terminations = new AtomicInteger();
    private final AtomicInteger brokerRestarts = new AtomicInteger();
    private final AtomicInteger freezes = new AtomicInteger();
    private final Thread thread;
    private volatile boolean done;
    private volatile RuntimeException failure;

    FaultInjector(ChaosSettings settings, Fleet fleet, ChaosStack stack, Progress progress) {
        this.faults = settings.faults();
        this.fleet = fleet;
        this.kafka = stack.stack.kafka();
        this.database = stack.database;
        this.progress = progress;
        this.random = new Random(settings.workload().seed() ^ 0x5DEECE66DL);
        this.thread = new Thread(this::run, "chaos-faults");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits for the last fault; rethrows what stopped the injector, if anything. */
    void await(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (failure != null) {
            throw failure;
        }
        if (!done) {
            throw new IllegalStateException("faults not done within " + timeout);
        }
    }

    /** What stopped the injector, or null. */
    RuntimeException failure() {
        return failure;
    }

    int kills() {
        return kills.get();
    }

    int terminations() {
        return terminations.get();
    }

    int brokerRestarts() {
        return brokerRestarts.get();
    }

    private void run() {
        try {
            for (Fault fault : faults) {
                awaitProgress(fault.at());
                pause(random.nextInt(400));
                fire(fault.kind());
            }
            done = true;
        } catch (RuntimeException e) {
            log.error("chaos=fault_injector_failed error={}", e.toString(), e);
            failure = e;
        }
    }

    /** Until {@code share} of the records is sent and the service is busy, or everything is done. */
    private void awaitProgress(double share) {
        while (true) {
            long processed = database.processedCount();
            boolean busy = processed >= 0 && processed < progress.claimsSent();
            if (progress.sentShare() >= share && (busy || progress.sentShare() >= 1.0)) {
                return;
            }
            pause(50);
        }
    }

    /** How far the sending is: share of records sent, and how many claims those records make. */
    interface Progress {
        double sentShare();

        long claimsSent();
    }

    private void fire(Fault.Kind kind) {
        log.info("chaos=fault kind={} processed={}", kind, database.processedCount());
        switch (kind) {
            case KILL:
                List<ServiceProcess> running = fleet.running();
                if (running.isEmpty()) {
                    return;
                }
                ServiceProcess victim = running.get(random.nextInt(running.size()));
                victim.kill();
                kills.incrementAndGet();
                fleet.expireDeadMembers();
                pause(200 + random.nextInt(1500));
                fleet.startAndAwait(victim);
                return;
            case TERMINATE_CONNECTIONS:
                long cut = database.terminateServiceConnections();
                terminations.incrementAndGet();
                log.info("chaos=connections_terminated count={}", cut);
                return;
            case SECOND_INSTANCE_JOINS:
                fleet.startAndAwait(fleet.second());
                return;
            case FIRST_INSTANCE_BOUNCES:
                fleet.first().stop();
                pause(1000);
                fleet.startAndAwait(fleet.first());
                return;
            case SECOND_INSTANCE_LEAVES:
                fleet.second().stop();
                return;
            case FREEZE:
                freeze();
                return;
            default:
                brokerRestart();
        }
    }

    /** Freezes a running instance past the relay lease, then thaws it. */
    private void freeze() {
        List<ServiceProcess> running = fleet.running();
        if (running.isEmpty()) {
            return;
        }
        ServiceProcess victim = running.stream()
                .filter(Fleet::leadsRelay)
                .findFirst()
                .orElse(running.get(random.nextInt(running.size())));
        victim.freeze();
        freezes.incrementAndGet();
        pause(FREEZE_MILLIS + random.nextInt(1000));
        victim.thaw();
    }

    /** Longer than the relay lease the harness gives the service (ChaosSettings.RELAY_LEASE). */
    static final long FREEZE_MILLIS = 5_000;

    int freezes() {
        return freezes.get();
    }

    /** Broker down; meanwhile the first instance is killed (relay rows unacknowledged); both come back. */
    private void brokerRestart() {
        kafka.stop();
        pause(1500);
        boolean killed = fleet.first().isRunning();
        fleet.first().kill();
        if (killed) {
            kills.incrementAndGet();
        }
        pause(1500);
        kafka.start();
        brokerRestarts.incrementAndGet();
        fleet.expireDeadMembers();
        fleet.startAndAwait(fleet.first());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
