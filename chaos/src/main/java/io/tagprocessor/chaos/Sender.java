package io.tagprocessor.chaos;

import io.tagprocessor.chaos.workload.Encoder;
import io.tagprocessor.chaos.workload.Planned;
import io.tagprocessor.testinfra.ByteProducers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The producer side of the harness: an idempotent producer ({@code acks=all}, ordered per partition)
 * whose deliveries outlast a broker restart, so each planned record lands exactly once. Every
 * record carries its sequence number in the header {@value #SEQ_HEADER}; the service ignores it.
 */
final class Sender implements AutoCloseable {

    static final String SEQ_HEADER = "chaos_seq";

    private final KafkaProducer<byte[], byte[]> producer;
    private final Encoder encoder;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    Sender(String bootstrapServers, Encoder encoder) {
        this.encoder = encoder;
        this.producer = ByteProducers.create(
                bootstrapServers,
                Map.of(
                        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000));
    }

    void send(Planned planned) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(SEQ_HEADER, Integer.toString(planned.seq()).getBytes(StandardCharsets.UTF_8));
        byte[] key = planned.key() == null ? null : planned.key().getBytes(StandardCharsets.UTF_8);
        pending.add(producer.send(
                new ProducerRecord<>(ChaosStack.TOPICS.commands(), null, key, encoder.value(planned), headers)));
    }

    /** Waits until the broker acknowledged everything sent so far; fails the run if a send failed. */
    void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : pending) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("the harness could not send a record: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
        pending.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
