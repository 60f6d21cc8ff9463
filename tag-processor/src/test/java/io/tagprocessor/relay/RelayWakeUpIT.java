package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.config.RelaySettings;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.pipeline.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A commit that appended outbox rows wakes the relay: in process, without a NOTIFY, while this
 * process's relay leads; by a NOTIFY, which reaches a leader in any process, while it does not.
 */
class RelayWakeUpIT extends ReplacedRelaySupport {

    /** Long enough that only a wake-up, never the fallback poll, publishes within the test's wait. */
    private static final Duration NO_POLL = Duration.ofMinutes(2);

    private static final Duration WOKEN_WITHIN = Duration.ofSeconds(10);

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aCommitWakesTheLeaderOfThisProcessWithoutANotify() throws Exception {
        OutboxRelay relay = startRelay(relayProducers, pollingOnlyAfter(NO_POLL), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        String key = unique("woken");
        try (Connection listener = listening();
                TopicProbe events = new TopicProbe(INFRA.kafkaBootstrapServers(), TOPICS.events())) {
            appendInTransaction(key);

            // the fallback poll would come after NO_POLL / 3 (the lease renewal), not within seconds
            await().atMost(WOKEN_WITHIN).until(() -> events.records(key), records -> records.size() == 1);
            assertThat(received(listener)).isEmpty();
        }
    }

    @Test
    void whileNoRelayOfThisProcessLeadsACommitSendsANotify() throws Exception {
        try (Connection listener = listening()) {
            appendInTransaction(unique("notified"));

            PGNotification[] notifications = listener.unwrap(PGConnection.class)
                    .getNotifications((int) Duration.ofSeconds(30).toMillis());
            assertThat(notifications).extracting(PGNotification::getName).contains(OutboxRepository.CHANNEL);
        }
    }

    private void appendInTransaction(String key) {
        transactions.executeWithoutResult(status -> outbox.append(List.of(OutboxRow.unsaved(
                TOPICS.events(),
                key.getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID(),
                "Test",
                null,
                "payload".getBytes(StandardCharsets.UTF_8)))));
    }

    private Connection listening() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + OutboxRepository.CHANNEL);
        }
        return connection;
    }

    /** What reached the listener by now: a round trip first, so that anything sent before is read. */
    private static List<PGNotification> received(Connection listener) throws SQLException {
        try (Statement ping = listener.createStatement()) {
            ping.execute("SELECT 1");
        }
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications();
        return notifications == null ? List.of() : List.of(notifications);
    }

    private RelaySettings pollingOnlyAfter(Duration pollInterval) {
        RelaySettings base = properties.relay();
        return new RelaySettings(
                true,
                base.batchSize(),
                base.maxBatchBytes(),
                pollInterval,
                base.leadershipRetryInterval(),
                base.errorBackoff(),
                true,
                base.parkAfterAttempts(),
                pollInterval,
                base.vacuumAfterRows(),
                base.transactionalId(),
                base.producers());
    }
}
