package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.config.RelaySettings;
import io.tagprocessor.outbox.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leader vacuums the outbox after every {@code vacuumAfterRows} rows it deleted, so that the
 * dead rows it leaves behind do not pile up in front of every read of the head; where the
 * service's user does not own the table, the database refuses and the relay stops asking.
 */
class OutboxVacuumIT extends ReplacedRelaySupport {

    private static final String VACUUMS_OF_THE_OUTBOX =
            "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'outbox'";

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theLeaderVacuumsTheOutboxOnceItDeletedEnoughRows() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = startRelay(relayProducers, vacuumingAfter(20), meters);
        await().atMost(Duration.ofSeconds(30)).until(relay::isLeader);
        long vacuumsBefore = vacuumsOfTheOutbox();

        for (int batch = 0; batch < 5; batch++) {
            transactions.executeWithoutResult(status ->
                    outbox.append(IntStream.range(0, 10).mapToObj(i -> row()).toList()));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(meters.timer("tag_processor.relay.outbox_vacuum").count())
                    .isPositive();
            assertThat(vacuumsOfTheOutbox()).isGreaterThan(vacuumsBefore);
        });
        assertThat(jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single())
                .isZero();
    }

    @Test
    void aUserThatDoesNotOwnTheOutboxIsRefusedAndStopsAsking() {
        String stranger = "vacuum_stranger_" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("CREATE ROLE " + stranger + " LOGIN").update();
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        Timer took = new SimpleMeterRegistry().timer("vacuum");
        long vacuumsBefore = vacuumsOfTheOutbox();
        try (OutboxVacuum vacuum =
                new OutboxVacuum(() -> DriverManager.getConnection(url, stranger, ""), outbox, 1, took)) {
            vacuum.deleted(1);

            await().atMost(Duration.ofSeconds(30)).until(() -> vacuum.refused() && took.count() == 1);
            vacuum.deleted(100);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> took.count() == 1);
        } finally {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> jdbc.sql("DROP ROLE " + stranger).update());
        }
        assertThat(vacuumsOfTheOutbox()).isEqualTo(vacuumsBefore);
    }

    private long vacuumsOfTheOutbox() {
        return jdbc.sql(VACUUMS_OF_THE_OUTBOX).query(Long.class).single();
    }

    private RelaySettings vacuumingAfter(int rows) {
        RelaySettings base = properties.relay();
        return new RelaySettings(
                true,
                base.batchSize(),
                base.maxBatchBytes(),
                base.pollInterval(),
                base.leadershipRetryInterval(),
                base.errorBackoff(),
                true,
                base.parkAfterAttempts(),
                base.leaseTimeout(),
                rows,
                base.transactionalId(),
                base.producers());
    }

    private static OutboxRow row() {
        return OutboxRow.unsaved(
                TOPICS.events(),
                "vacuumed".getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID(),
                "Test",
                null,
                "payload".getBytes(StandardCharsets.UTF_8));
    }
}
