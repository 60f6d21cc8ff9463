package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.outbox.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.pipeline.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The relay never stalls behind a row the broker refuses for good: a record too large for its topic
 * is parked with the error and the rows behind it, on the same topic and on others, are published.
 * Reads are bounded by bytes as well as rows.
 */
class RelayParkingIT extends ReplacedRelaySupport {

    @Test
    void aRecordTooLargeForItsTopicIsParkedAndTheRowsBehindItArePublished() {
        String small = unique("it-small");
        String other = unique("it-other");
        createTopic(small, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2048"));
        createTopic(other, Map.of());
        OutboxRow tooLarge = row(small, "too-large", new byte[16 * 1024]);
        OutboxRow behind = row(small, "behind", bytes("fits"));
        OutboxRow elsewhere = row(other, "elsewhere", bytes("fits too"));
        outbox.append(List.of(tooLarge, behind, elsewhere));

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        startRelay(relayProducers, properties.relay(), meters);

        try (TopicProbe smallTopic = new TopicProbe(INFRA.kafkaBootstrapServers(), small);
                TopicProbe otherTopic = new TopicProbe(INFRA.kafkaBootstrapServers(), other)) {
            assertThat(smallTopic.await("behind", 1)).hasSize(1);
            assertThat(otherTopic.await("elsewhere", 1)).hasSize(1);
            assertThat(smallTopic.records("too-large")).isEmpty();
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT error FROM outbox_parked WHERE event_id = :id")
                                .param("id", tooLarge.eventId())
                                .query(String.class)
                                .list())
                        .singleElement(InstanceOfAssertFactories.STRING)
                        .contains("RecordTooLargeException"));
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE topic IN (:topics)")
                        .param("topics", List.of(small, other))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(meters.counter("tag_processor.relay.parked").count()).isEqualTo(1.0);
    }

    @Test
    void aBatchIsBoundedByBytesButAlwaysTakesTheOldestRow() throws Exception {
        String topic = unique("it-bytes");
        outbox.append(List.of(
                row(topic, "a", new byte[600_000]),
                row(topic, "b", new byte[600_000]),
                row(topic, "c", new byte[600_000])));
        try (Connection connection = dataSource.getConnection()) {
            assertThat(ofTopic(outbox.nextBatch(connection, List.of(), 100, 1), topic))
                    .hasSize(1);
            assertThat(ofTopic(outbox.nextBatch(connection, List.of(), 100, 1_300_000), topic))
                    .hasSize(2);
            assertThat(ofTopic(outbox.nextBatch(connection, List.of(), 100, 2_000_000), topic))
                    .hasSize(3);
            outbox.delete(
                    connection,
                    ofTopic(outbox.nextBatch(connection, List.of(), 100, 2_000_000), topic).stream()
                            .map(r -> r.row().id())
                            .toList());
        }
    }

    private static List<StoredOutboxRow> ofTopic(List<StoredOutboxRow> rows, String topic) {
        return rows.stream().filter(r -> r.row().topic().equals(topic)).toList();
    }

    private static OutboxRow row(String topic, String key, byte[] payload) {
        return OutboxRow.unsaved(topic, bytes(key), UUID.randomUUID(), "Test", null, payload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void createTopic(String name, Map<String, String> config) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(config)))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }
}
