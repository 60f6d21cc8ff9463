package io.tagprocessor.chaos;

import io.tagprocessor.chaos.check.DatabaseState;
import io.tagprocessor.chaos.check.TopicReader;
import io.tagprocessor.chaos.check.Verifier;
import io.tagprocessor.chaos.model.Expected;
import io.tagprocessor.chaos.model.LoggedRecord;
import io.tagprocessor.chaos.model.Model;
import io.tagprocessor.chaos.stack.ChaosDatabase;
import io.tagprocessor.chaos.stack.Stack;
import io.tagprocessor.chaos.stack.Topics;
import io.tagprocessor.chaos.workload.Encoder;
import io.tagprocessor.chaos.workload.Phase;
import io.tagprocessor.chaos.workload.Planned;
import io.tagprocessor.chaos.workload.Workload;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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
        try (Stack stack = Stack.start(settings.directory(), Map.of())) {
            Encoder encoder = new Encoder(stack.registryUrl());
            Fleet fleet = new Fleet(stack, settings.serviceJar());
            FaultInjector faults;
            try {
                fleet.startAndAwait(fleet.first());
                faults = new FaultInjector(
                        settings.faults(),
                        fleet,
                        stack.kafka(),
                        stack.database(),
                        new FaultInjector.Progress() {
                            @Override
                            public double sentShare() {
                                return (double) recordsSent.get() / records;
                            }

                            @Override
                            public long claimsSent() {
                                return claimsSent.get();
                            }
                        },
                        settings.workload().seed());
                faults.start();
                try (Sender sender = new Sender(stack.bootstrapServers(), encoder)) {
                    for (Phase phase : phases) {
                        sendPaced(sender, phase.records());
                        sender.flush();
                        awaitProcessed(stack.database(), claimsAfterPhase[phase.index()], fleet, faults, phase.name());
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
            return verify(stack, encoder, fleet, faults, started);
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
    private void drain(Stack stack, Fleet fleet) throws Exception {
        long deadline =
                System.nanoTime() + settings.stallTimeout().multipliedBy(2).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                if (stack.database().processedCount() >= totalClaims()
                        && stack.database().fanoutJobCount() == 0
                        && stack.database().outboxCount() == 0
                        && lag(admin) == 0) {
                    return;
                }
                pause(500);
            }
        }
        throw new IllegalStateException("the service did not drain: groups=" + groups(stack) + " processed="
                + stack.database().processedCount()
                + "/" + totalClaims() + " outbox=" + stack.database().outboxCount() + "; last lines of service a:\n"
                + fleet.first().logTail());
    }

    private static String groups(Stack stack) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            return Fleet.groupIds(admin) + " lag=" + lag(admin);
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Records of tag-commands not yet committed by the service's group (all of them while it has none). */
    private static long lag(Admin admin) throws Exception {
        List<String> groups = Fleet.groupIds(admin);
        if (groups.size() != 1) {
            return Long.MAX_VALUE;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groups.get(0))
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < Topics.PARTITIONS; p++) {
            latest.put(new TopicPartition(Topics.COMMANDS, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    private Summary verify(Stack stack, Encoder encoder, Fleet fleet, FaultInjector faults, long started)
            throws Exception {
        Map<Integer, Planned> bySeq = new HashMap<>();
        phases.forEach(phase -> phase.records().forEach(p -> bySeq.put(p.seq(), p)));
        List<LoggedRecord> commandLog = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicReader.readAll(stack.bootstrapServers(), Topics.COMMANDS)) {
            Planned planned = bySeq.get(Integer.parseInt(TopicReader.header(record, Sender.SEQ_HEADER)));
            commandLog.add(
                    new LoggedRecord(record.partition(), record.offset(), record.timestamp(), record.value(), planned));
        }
        Model model = Model.replay(commandLog);
        DatabaseState database;
        try (Connection connection = stack.database().connect()) {
            database = DatabaseState.read(connection);
        }
        Verifier verifier = new Verifier(model, database, encoder.registry());
        verifier.checkClaims();
        verifier.checkState();
        verifier.checkEvents(TopicReader.readAll(stack.bootstrapServers(), Topics.EVENTS));
        verifier.checkEntityState(TopicReader.readAll(stack.bootstrapServers(), Topics.ENTITY_STATE));
        verifier.checkRejections(TopicReader.readAll(stack.bootstrapServers(), Topics.REJECTIONS));
        verifier.checkDeadLetters(TopicReader.readAll(stack.bootstrapServers(), Topics.DEAD_LETTER), commandLog);
        long expectedDuplicates = model.outcomes().stream()
                .filter(e -> Expected.DUPLICATE.equals(e.outcome()))
                .count();
        log.info(
                "chaos=verified expected_duplicates={} claims={}",
                expectedDuplicates,
                database.claims().size());
        return new Summary(
                settings.mode(),
                commandLog.size(),
                countOutcome(database, Expected.APPLIED),
                countOutcome(database, Expected.NO_EFFECT),
                commandLog.size() - database.claims().size(),
                countOutcome(database, Expected.REJECTED),
                countOutcome(database, Expected.DEAD_LETTERED),
                verifier.findings(),
                faults.kills(),
                fleet.rebalances(),
                faults.brokerRestarts(),
                faults.terminations(),
                faults.freezes(),
                fleet.relayHandovers(),
                verifier.eventCount(),
                verifier.redeliveredEvents(),
                seconds(started));
    }

    private static long countOutcome(DatabaseState database, String outcome) {
        return database.claims().values().stream()
                .filter(c -> outcome.equals(c.outcome()))
                .count();
    }

    private static long seconds(long started) {
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
