package io.tagprocessor.relay;

import io.tagprocessor.store.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.store.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a batch of outbox rows through an idempotent producer ({@code acks=all}), pipelined, and
 * returns only when the broker acknowledged every one of them; throws if any failed. A row becomes
 * its record, then its companion (same key, so same partition, right behind it). Headers
 * {@code event_id}, {@code event_type} and {@code causation_id} come from the row's columns.
 */
final class OutboxPublisher {

    static final String EVENT_ID = "event_id";
    static final String EVENT_TYPE = "event_type";
    static final String CAUSATION_ID = "causation_id";

    private final Producer<byte[], byte[]> producer;

    OutboxPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    void publish(List<StoredOutboxRow> rows) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (StoredOutboxRow stored : rows) {
            OutboxRow row = stored.row();
            acks.add(producer.send(record(row.topic(), row, row.eventType(), row.payload(), row.extraHeaders())));
            if (row.companion() != null) {
                OutboxRow.Companion companion = row.companion();
                acks.add(producer.send(
                        record(companion.topic(), row, companion.eventType(), companion.payload(), Map.of())));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(
            String topic, OutboxRow row, String eventType, byte[] value, Map<String, String> extraHeaders) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_ID, utf8(row.eventId().toString()));
        headers.add(EVENT_TYPE, utf8(eventType));
        if (row.causationId() != null) {
            headers.add(CAUSATION_ID, utf8(row.causationId()));
        }
        extraHeaders.forEach((name, headerValue) -> headers.add(name, utf8(headerValue)));
        return new ProducerRecord<>(topic, null, row.recordKey(), value, headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
