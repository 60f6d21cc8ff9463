package io.tagprocessor.relay;

import static io.tagprocessor.pipeline.Commands.assign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.config.RelayProducers;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.outbox.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.pipeline.PipelineTestSupport;
import io.tagprocessor.pipeline.TopicProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The relay against the real database and broker: at-least-once with stable event ids when it
 * dies between publish and delete, one leader at a time with prompt takeover, and a few
 * milliseconds from commit to broker acknowledgement at low load.
 */
class OutboxRelayIT extends PipelineTestSupport {

    @Autowired
    OutboxRelay serviceRelay;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbcTemplate;

    @Autowired
    ObjectMapper json;

    @Autowired
    RelayProducers relayProducers;

    private final TopicProbe events = probe(TOPICS.events());
    private OutboxRelay second;

    @AfterEach
    void restoreServiceRelay() {
        if (second != null) {
            second.stop();
        }
        serviceRelay.start();
    }

    @Test
    void aRelayThatDiesBetweenPublishAndDeleteResendsTheSameEventIds() {
        serviceRelay.stop();
        String entity = unique("crash");
        send(assign("article", entity, unique("t")));
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows() >= 2);

        AtomicInteger deletes = new AtomicInteger();
        OutboxRepository crashingOnFirstDelete = new OutboxRepository(jdbcTemplate, json) {
            @Override
            public List<StoredOutboxRow> nextBatch(
                    Connection connection, List<Long> published, int limit, long maxBytes) throws SQLException {
                if (!published.isEmpty() && deletes.getAndIncrement() == 0) {
                    throw new SQLException("simulated crash after publish, before delete", "08006");
                }
                return super.nextBatch(connection, published, limit, maxBytes);
            }

            @Override
            public int delete(Connection connection, List<Long> ids) throws SQLException {
                if (deletes.getAndIncrement() == 0) {
                    throw new SQLException("simulated crash after publish, before delete", "08006");
                }
                return super.delete(connection, ids);
            }
        };
        second = relay(crashingOnFirstDelete);
        second.start();

        List<ConsumerRecord<byte[], byte[]>> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> events.records("article:" + entity), r -> r.size() >= 2);
        assertThat(TopicProbe.header(published.get(1), "event_id"))
                .isEqualTo(TopicProbe.header(published.get(0), "event_id"));
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows() == 0);
    }

    @Test
    void twoRelaysNeverLeadTogetherAndTheStandbyTakesOverWhenTheLeaderDies() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(serviceRelay::isLeader);
        second = relay(new OutboxRepository(jdbcTemplate, json));
        second.start();
        AtomicBoolean bothLed = new AtomicBoolean();
        var watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleAtFixedRate(
                () -> bothLed.compareAndSet(false, serviceRelay.isLeader() && second.isLeader()),
                0,
                5,
                TimeUnit.MILLISECONDS);
        try {
            String before = unique("lead");
            send(assign("article", before, unique("t")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !events.records("article:" + before).isEmpty());
            assertThat(second.isLeader()).isFalse();

            jdbc.sql(
                            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid::bigint = :objid AND granted"
                                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                    .param("objid", Leadership.LOCK_KEY & 0xFFFFFFFFL)
                    .query()
                    .listOfRows();
            await().atMost(Duration.ofSeconds(10)).until(() -> second.isLeader() || serviceRelay.isLeader());

            String after = unique("takeover");
            send(assign("article", after, unique("t")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !events.records("article:" + after).isEmpty());
        } finally {
            watcher.shutdownNow();
        }
        assertThat(bothLed).as("both relays led at the same instant").isFalse();
    }

    @Test
    void commitToAcknowledgementTakesMillisecondsNotAPollInterval() {
        serviceRelay.stop();
        SimpleMeterRegistry measured = new SimpleMeterRegistry();
        second = relay(new OutboxRepository(jdbcTemplate, json), measured);
        second.start();
        String entity = unique("latency");
        for (int i = 1; i <= 100; i++) {
            int published = i;
            send(assign("article", entity, "t" + i));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> events.records("article:" + entity).size() >= published);
        }
        Timer delay = measured.get("tag_processor.relay.delay").timer();
        double p50 = percentile(delay, 0.5);
        System.out.printf(
                "relay: commit_to_ack_p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f samples=%d poll_interval_ms=%d%n",
                p50,
                percentile(delay, 0.95),
                percentile(delay, 0.99),
                delay.count(),
                properties.relay().pollInterval().toMillis());
        assertThat(p50)
                .as("p50 ms from outbox commit to broker ack")
                .isLessThan(properties.relay().pollInterval().toMillis() / 10.0);
    }

    private static double percentile(Timer timer, double percentile) {
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return value.value(TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("percentile " + percentile + " not published");
    }

    private OutboxRelay relay(OutboxRepository repository) {
        return relay(repository, new SimpleMeterRegistry());
    }

    private OutboxRelay relay(OutboxRepository repository, MeterRegistry registry) {
        return new OutboxRelay(
                RelayConfiguration.physicalConnections(dataSource),
                repository,
                relayProducers,
                properties.relay(),
                registry,
                (component, error) -> {
                    throw new AssertionError(component + " died", error);
                });
    }

    private long outboxRows() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }
}
