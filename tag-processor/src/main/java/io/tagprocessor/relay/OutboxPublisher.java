package io.tagprocessor.relay;

import io.tagprocessor.store.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.store.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a batch of outbox rows through an idempotent producer ({@code acks=all}), pipelined, and
 * returns only when the broker acknowledged every one of them; throws if any failed.
 */
final class OutboxPublisher {

    private final Producer<byte[], byte[]> producer;

    OutboxPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    void publish(List<StoredOutboxRow> rows) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (StoredOutboxRow stored : rows) {
            acks.add(producer.send(toRecord(stored.row())));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
    }

    private static ProducerRecord<byte[], byte[]> toRecord(OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        row.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(row.topic(), null, row.recordKey(), row.payload(), headers);
    }
}
