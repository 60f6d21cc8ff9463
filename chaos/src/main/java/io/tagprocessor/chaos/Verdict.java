package io.tagprocessor.chaos;

import io.tagprocessor.chaos.check.DatabaseState;
import io.tagprocessor.chaos.check.Verifier;
import io.tagprocessor.chaos.model.Expected;
import io.tagprocessor.chaos.model.LoggedRecord;
import io.tagprocessor.chaos.model.Model;
import io.tagprocessor.chaos.workload.Encoder;
import io.tagprocessor.chaos.workload.Phase;
import io.tagprocessor.chaos.workload.Planned;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.TopicReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a run: the command topic as the broker holds it is replayed through the model, and what
 * the service left behind (its tables and the four topics it writes) is checked against it.
 */
final class Verdict {

    private static final Logger log = LoggerFactory.getLogger(Verdict.class);

    private final ChaosSettings settings;
    private final List<Phase> phases;
    private final ChaosStack stack;
    private final Encoder encoder;

    Verdict(ChaosSettings settings, List<Phase> phases, ChaosStack stack, Encoder encoder) {
        this.settings = settings;
        this.phases = phases;
        this.stack = stack;
        this.encoder = encoder;
    }

    Summary summary(Fleet fleet, FaultInjector faults, long started) throws SQLException {
        ServiceTopics topics = ChaosStack.TOPICS;
        List<LoggedRecord> commandLog = commandLog(topics.commands());
        Model model = Model.replay(commandLog);
        DatabaseState database;
        try (Connection connection = stack.database.connect()) {
            database = DatabaseState.read(connection);
        }
        Verifier verifier = new Verifier(model, database, encoder.registry());
        verifier.checkClaims();
        verifier.checkState();
        verifier.checkEvents(read(topics.events()));
        verifier.checkEntityState(read(topics.entityState()));
        verifier.checkRejections(read(topics.rejections()));
        verifier.checkDeadLetters(read(topics.deadLetter()), commandLog);
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
                ChaosRun.seconds(started));
    }

    /** Every record of the commands topic, each matched to what the harness planned through its sequence header. */
    private List<LoggedRecord> commandLog(String commands) {
        Map<Integer, Planned> bySeq = new HashMap<>();
        phases.forEach(phase -> phase.records().forEach(p -> bySeq.put(p.seq(), p)));
        List<LoggedRecord> commandLog = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read(commands)) {
            Planned planned = bySeq.get(Integer.parseInt(TopicReader.header(record, Sender.SEQ_HEADER)));
            commandLog.add(
                    new LoggedRecord(record.partition(), record.offset(), record.timestamp(), record.value(), planned));
        }
        return commandLog;
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        return TopicReader.readAll(stack.bootstrapServers(), topic);
    }

    private static long countOutcome(DatabaseState database, String outcome) {
        return database.claims().values().stream()
                .filter(c -> outcome.equals(c.outcome()))
                .count();
    }
}
