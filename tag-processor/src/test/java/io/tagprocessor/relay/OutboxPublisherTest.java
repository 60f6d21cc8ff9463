package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.outbox.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.outbox.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** One relay batch in one Kafka transaction: what is sent, and what a refusal or a fencing does to it. */
class OutboxPublisherTest {

    private static final String TOO_LARGE = "too-large";
    private static final String SLOW = "slow";

    /** A producer whose sends to {@link #TOO_LARGE} and {@link #SLOW} fail as the broker would fail them. */
    private static final class Broker extends MockProducer<byte[], byte[]> {
        Broker() {
            this(true);
        }

        Broker(boolean initialized) {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            if (initialized) {
                initTransactions();
            }
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (record.topic().equals(TOO_LARGE)) {
                return CompletableFuture.failedFuture(new RecordTooLargeException("1 MB"));
            }
            if (record.topic().equals(SLOW)) {
                return CompletableFuture.failedFuture(new TimeoutException("no ack in time"));
            }
            return super.send(record, callback);
        }
    }

    private final Broker broker = new Broker();
    private final OutboxPublisher publisher = new OutboxPublisher(List.of(broker));

    @Test
    void sendsEachRowThenItsCompanionUnderOneKeyAndCommits() throws InterruptedException {
        OutboxRow event = stored(1, "tag-events", "cmd-1", Map.of())
                .withCompanion(new OutboxRow.Companion("tag-entity-state", "EntityTagState", null));
        OutboxRow letter = stored(2, "tag-commands.DLT", null, Map.of("dlt_original_offset", "8"));

        List<OutboxPublisher.Refusal> refusals = publisher.publish(List.of(wrap(event), wrap(letter)));

        assertThat(refusals).isEmpty();
        assertThat(broker.transactionCommitted()).isTrue();
        assertThat(broker.history())
                .extracting(ProducerRecord::topic)
                .containsExactly("tag-events", "tag-entity-state", "tag-commands.DLT");
        ProducerRecord<byte[], byte[]> first = broker.history().get(0);
        ProducerRecord<byte[], byte[]> companion = broker.history().get(1);
        assertThat(companion.key()).isEqualTo(first.key());
        assertThat(companion.value()).isNull();
        assertThat(header(first, OutboxPublisher.EVENT_ID))
                .isEqualTo(event.eventId().toString());
        assertThat(header(first, OutboxPublisher.EVENT_TYPE)).isEqualTo("type-1");
        assertThat(header(first, OutboxPublisher.CAUSATION_ID)).isEqualTo("cmd-1");
        assertThat(header(companion, OutboxPublisher.EVENT_ID))
                .isEqualTo(event.eventId().toString());
        assertThat(header(companion, OutboxPublisher.EVENT_TYPE)).isEqualTo("EntityTagState");
        ProducerRecord<byte[], byte[]> dead = broker.history().get(2);
        assertThat(dead.headers().lastHeader(OutboxPublisher.CAUSATION_ID)).isNull();
        assertThat(header(dead, "dlt_original_offset")).isEqualTo("8");
    }

    @Test
    void aRowRefusedForGoodAbortsTheBatchAndIsReturnedAsPermanent() throws InterruptedException {
        OutboxRow good = stored(1, "tag-events", "cmd-1", Map.of());
        OutboxRow huge = stored(2, TOO_LARGE, "cmd-2", Map.of());

        List<OutboxPublisher.Refusal> refusals = publisher.publish(List.of(wrap(good), wrap(huge)));

        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.id()).isEqualTo(2);
            assertThat(refusal.error()).isInstanceOf(RecordTooLargeException.class);
            assertThat(refusal.permanent()).isTrue();
        });
        assertThat(broker.transactionAborted()).isTrue();
        assertThat(broker.transactionCommitted()).isFalse();
        assertThat(broker.history()).isEmpty();
        assertThat(publisher.broken()).isFalse();
    }

    @Test
    void aCompanionRefusedRefusesItsRowAndATimeoutIsNotForGood() throws InterruptedException {
        OutboxRow event = stored(5, "tag-events", "cmd-1", Map.of())
                .withCompanion(new OutboxRow.Companion(SLOW, "EntityTagState", new byte[] {1}));

        List<OutboxPublisher.Refusal> refusals = publisher.publish(List.of(wrap(event)));

        assertThat(refusals).singleElement().satisfies(refusal -> {
            assertThat(refusal.id()).isEqualTo(5);
            assertThat(refusal.error()).isInstanceOf(TimeoutException.class);
            assertThat(refusal.permanent()).isFalse();
        });
    }

    @Test
    void aFencedProducerThrowsAndCommitsNothing() {
        broker.fenceProducer();

        assertThatThrownBy(() -> publisher.publish(List.of(wrap(stored(1, "tag-events", "cmd-1", Map.of())))))
                .isInstanceOf(ProducerFencedException.class);
        assertThat(broker.history()).isEmpty();
    }

    @Test
    void aFailedAbortMarksTheProducerBrokenButStillReturnsTheRefusals() throws InterruptedException {
        broker.abortTransactionException = new KafkaException("connection lost during abort");

        List<OutboxPublisher.Refusal> refusals =
                publisher.publish(List.of(wrap(stored(3, TOO_LARGE, "cmd-3", Map.of()))));

        assertThat(refusals).extracting(OutboxPublisher.Refusal::id).containsExactly(3L);
        assertThat(publisher.broken()).isTrue();
    }

    @Test
    void theTermsProducersTakeTheBatchesInTurnEachCommittingItsOwn() throws InterruptedException {
        Broker second = new Broker();
        OutboxPublisher alternating = new OutboxPublisher(List.of(broker, second));

        for (long id = 1; id <= 3; id++) {
            assertThat(alternating.publish(List.of(wrap(stored(id, "tag-events", "cmd-" + id, Map.of())))))
                    .isEmpty();
        }

        assertThat(broker.history())
                .extracting(record -> header(record, OutboxPublisher.CAUSATION_ID))
                .containsExactly("cmd-1", "cmd-3");
        assertThat(second.history())
                .extracting(record -> header(record, OutboxPublisher.CAUSATION_ID))
                .containsExactly("cmd-2");
        assertThat(broker.commitCount()).isEqualTo(2);
        assertThat(second.commitCount()).isEqualTo(1);
    }

    @Test
    void openingInitializesEveryProducerAndClosesThemAllWhenOneCannotStart() {
        List<Broker> opened = new ArrayList<>();
        OutboxPublisher.open(number -> add(opened, new Broker(false)), 2).close();
        assertThat(opened).allSatisfy(producer -> {
            assertThat(producer.transactionInitialized()).isTrue();
            assertThat(producer.closed()).isTrue();
        });

        List<Broker> refused = new ArrayList<>();
        assertThatThrownBy(() -> OutboxPublisher.open(
                        number -> {
                            Broker producer = add(refused, new Broker(false));
                            if (number == 2) {
                                producer.initTransactionException = new ProducerFencedException("newer leader");
                            }
                            return producer;
                        },
                        2))
                .isInstanceOf(ProducerFencedException.class);
        assertThat(refused)
                .hasSize(2)
                .allSatisfy(producer -> assertThat(producer.closed()).isTrue());
    }

    private static Broker add(List<Broker> opened, Broker producer) {
        opened.add(producer);
        return producer;
    }

    private static OutboxRow stored(long id, String topic, String causation, Map<String, String> headers) {
        return new OutboxRow(
                id,
                topic,
                ("order:" + id).getBytes(StandardCharsets.UTF_8),
                UUID.nameUUIDFromBytes(new byte[] {(byte) id}),
                "type-" + id,
                causation,
                new byte[] {(byte) id},
                null,
                headers);
    }

    private static StoredOutboxRow wrap(OutboxRow row) {
        return new StoredOutboxRow(row, Instant.parse("2026-12-01T10:00:00Z"));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
