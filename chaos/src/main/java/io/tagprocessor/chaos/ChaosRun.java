package io.tagprocessor.chaos;

import io.tagprocessor.chaos.workload.Encoder;
import io.tagprocessor.chaos.workload.Phase;
import io.tagprocessor.chaos.workload.Planned;
import io.tagprocessor.chaos.workload.Workload;
import io.tagprocessor.testinfra.LagReader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chaos run from start to verdict: stack up, first instance up, faults armed; each phase sent
 * and waited for; then the service drains (every record claimed, no lag, empty outbox), stops, and
 * everything it left behind is checked against the model of what was actually sent.
 */
public final class ChaosRun {

    private static final Logger log = LoggerFactory.getLogger(ChaosRun.class);

    private final ChaosSettings settings;
    private final List<Phase> phases;
    private final long[] claimsAfterPhase;
    private final Set<Integer> claimingSeqs = new HashSet<>();
    private final AtomicLong recordsSent = new AtomicLong();
    private final AtomicLong claimsSent = new AtomicLong();
    private final long records;

    private ChaosRun(ChaosSettings settings) {
        this.settings = settings;
        this.phases = Workload.generate(settings.workload());
        this.claimsAfterPhase = new long[phases.size()];
        Set<UUID> ids = new HashSet<>();
        long garbage = 0;
        for (Phase phase : phases) {
            for (Planned planned : phase.records()) {
                if (planned.isGarbage()) {
                    garbage++;
                    claimingSeqs.add(planned.seq());
                } else if (ids.add(planned.command().getCommandId())) {
                    claimingSeqs.add(planned.seq());
                }
            }
            claimsAfterPhase[phase.index()] = ids.size() + garbage;
        }
        this.records = phases.stream().mapToInt(p -> p.records().size()).sum();
    }

    public static Summary execute(ChaosSettings settings) throws Exception {
        return new ChaosRun(settings).run();
    }

    private long totalClaims() {
        return claimsAfterPhase[claimsAfterPhase.length - 1];
    }

    private Summary run() throws Exception {
        long started = System.nanoTime();
        log.info(
                "chaos=run_starting mode={} records={} claims={} directory={}",
                settings.mode(),
                phases.stream().mapToInt(p -> p.records().size()).sum(),
                totalClaims(),
                settings.directory());
        try (ChaosStack stack = ChaosStack.start(settings.directory(), Map.of())) {
            Encoder encoder = new Encoder(stack.stack.registryUrl());
            Fleet fleet = new Fleet(stack, settings.serviceJar());
            FaultInjector faults;
            try {
                fleet.startAndAwait(fleet.first());
                faults = new FaultInjector(settings, fleet, stack, new FaultInjector.Progress() {
                    @Override
                    public double sentShare() {
                        return (double) recordsSent.get() / records;
                    }

                    @Override
                    public long claimsSent() {
                        return claimsSent.get();
                    }
                });
                faults.start();
                try (Sender sender = new Sender(stack.bootstrapServers(), encoder)) {
                    for (Phase phase : phases) {
                        sendPaced(sender, phase.records());
                        sender.flush();
                        awaitProcessed(stack.database, claimsAfterPhase[phase.index()], fleet, faults, phase.name());
                    }
                }
                faults.await(settings.stallTimeout().multipliedBy(3));
                if (!fleet.first().isRunning()) {
                    fleet.startAndAwait(fleet.first());
                }
                drain(stack, fleet);
            } finally {
                fleet.close();
            }
            log.info("chaos=load_done seconds={}", seconds(started));
            return new Verdict(settings, phases, stack, encoder).summary(fleet, faults, started);
        }
    }

    private void sendPaced(Sender sender, List<Planned> records) {
        long started = System.nanoTime();
        long nanosPerRecord = 1_000_000_000L / settings.recordsPerSecond();
        for (int i = 0; i < records.size(); i++) {
            long due = started + i * nanosPerRecord;
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                pause(wait / 1_000_000);
            }
            Planned planned = records.get(i);
            sender.send(planned);
            recordsSent.incrementAndGet();
            if (claimingSeqs.contains(planned.seq())) {
                claimsSent.incrementAndGet();
            }
        }
    }

    private void awaitProcessed(ChaosDatabase database, long claims, Fleet fleet, FaultInjector faults, String phase) {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            if (faults.failure() != null) {
                throw new IllegalStateException("fault injection failed: " + faults.failure(), faults.failure());
            }
            long processed = database.processedCount();
            if (processed >= claims) {
                log.info("chaos=phase_processed phase={} claims={}", phase, claims);
                return;
            }
            if (processed > last) {
                last = processed;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress
                    > settings.stallTimeout().toNanos()) {
                throw new IllegalStateException(
                        "no progress for " + settings.stallTimeout().toSeconds() + " s in phase "
                                + phase + " at " + processed + "/" + claims + " claims; last lines of service a:\n"
                                + fleet.first().logTail());
            }
            pause(200);
        }
    }

    /** Until every record is claimed, the group has no lag, no fan-out is pending and the outbox is empty. */
    private void drain(ChaosStack stack, Fleet fleet) {
        ChaosDatabase database = stack.database;
        LagReader lag = new LagReader(stack.stack.admin(), ChaosStack.TOPICS.commands(), ChaosStack.GROUP);
        long deadline =
                System.nanoTime() + settings.stallTimeout().multipliedBy(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (database.processedCount() >= totalClaims()
                    && database.fanoutJobCount() == 0
                    && database.outboxCount() == 0
                    && lag.lag() == 0) {
                return;
            }
            pause(500);
        }
        throw new IllegalStateException("the service did not drain: lag=" + lag.lag() + " processed="
                + database.processedCount()
                + "/" + totalClaims() + " outbox=" + database.outboxCount() + "; last lines of service a:\n"
                + fleet.first().logTail());
    }

    static long seconds(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toSeconds();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
