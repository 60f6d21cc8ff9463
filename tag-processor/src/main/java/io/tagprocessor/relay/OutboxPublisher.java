package io.tagprocessor.relay;

import io.tagprocessor.config.RelayProducers;
import io.tagprocessor.outbox.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.outbox.OutboxRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a batch of outbox rows in one Kafka transaction ({@code acks=all}, idempotent), pipelined:
 * committed when the broker took every row, aborted otherwise, returning the rows it refused, each
 * with the error and whether the refusal is for good (a record too large, an invalid topic, denied
 * authorization), which no retry can change. A row becomes its record, then its companion (same
 * key, so same partition, right behind it); a row is refused when either is. A producer fenced by a
 * newer leader fails the commit and throws. Headers {@code event_id}, {@code event_type} and
 * {@code causation_id} come from the row's columns. The term's producers take the batches in turn:
 * a batch is sent only after the one before committed, so the records of a key keep their order
 * whichever producer sent them, while the producer of the last batch has a cycle to finish its
 * commit at the broker. Closing closes the producers.
 */
final class OutboxPublisher implements AutoCloseable {

    static final String EVENT_ID = "event_id";
    static final String EVENT_TYPE = "event_type";
    static final String CAUSATION_ID = "causation_id";

    private final List<Producer<byte[], byte[]>> producers;
    private int next;
    private boolean broken;

    OutboxPublisher(List<Producer<byte[], byte[]>> producers) {
        this.producers = List.copyOf(producers);
    }

    /** Opens the term's producers and initializes their transactions, which fences a former leader's. */
    static OutboxPublisher open(RelayProducers factory, int count) {
        List<Producer<byte[], byte[]>> opened = new ArrayList<>(count);
        try {
            for (int number = 1; number <= count; number++) {
                opened.add(factory.open(number));
            }
            opened.forEach(Producer::initTransactions);
        } catch (RuntimeException e) {
            opened.forEach(Producer::close);
            throw e;
        }
        return new OutboxPublisher(opened);
    }

    /** A row the broker did not take, why, and whether retrying can help. */
    record Refusal(StoredOutboxRow row, Throwable error, boolean permanent) {
        long id() {
            return row.row().id();
        }
    }

    /** Sends and commits the rows; returns the refused ones, in which case nothing was committed. */
    List<Refusal> publish(List<StoredOutboxRow> rows) throws InterruptedException {
        Producer<byte[], byte[]> producer = producers.get(next);
        next = (next + 1) % producers.size();
        producer.beginTransaction();
        List<List<Future<RecordMetadata>>> acks = new ArrayList<>(rows.size());
        for (StoredOutboxRow stored : rows) {
            OutboxRow row = stored.row();
            List<Future<RecordMetadata>> sends = new ArrayList<>(2);
            sends.add(producer.send(record(row.topic(), row, row.eventType(), row.payload(), row.extraHeaders())));
            if (row.companion() != null) {
                OutboxRow.Companion companion = row.companion();
                sends.add(producer.send(
                        record(companion.topic(), row, companion.eventType(), companion.payload(), Map.of())));
            }
            acks.add(sends);
        }
        producer.flush();
        List<Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Throwable error = firstFailure(acks.get(i));
            if (error != null) {
                refusals.add(new Refusal(rows.get(i), error, isPermanent(error)));
            }
        }
        if (refusals.isEmpty()) {
            producer.commitTransaction();
        } else {
            abort(producer);
        }
        return refusals;
    }

    /** True once a producer can no longer abort: the term must end and new producers take over. */
    boolean broken() {
        return broken;
    }

    /**
     * Aborts the transaction of a refused batch. A fenced producer throws (a newer leader exists); any
     * other failure to abort leaves the producer unusable, but the refusals are still returned so that
     * rows refused for good get parked before the term ends.
     */
    private void abort(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (KafkaException e) {
            broken = true;
        }
    }

    @Override
    public void close() {
        producers.forEach(Producer::close);
    }

    /** Refusals that say something about the record or its topic, never about the connection. */
    static boolean isPermanent(Throwable error) {
        return error instanceof RecordTooLargeException
                || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidTopicException
                || error instanceof InvalidRecordException
                || error instanceof TopicAuthorizationException;
    }

    private static Throwable firstFailure(List<Future<RecordMetadata>> sends) throws InterruptedException {
        for (Future<RecordMetadata> ack : sends) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                return e.getCause() == null ? e : e.getCause();
            }
        }
        return null;
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
