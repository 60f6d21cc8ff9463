package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.ByteProducers;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Producers as a well-behaved producing service configures them: idempotent, {@code acks=all}.
 * A bulk producer batches (linger 5 ms, lz4) to load a backlog fast; a prompt one sends at once
 * (linger 0) so that latency measures the service, not the producer's batching.
 */
public final class Producers {

    private Producers() {}

    public static KafkaProducer<byte[], byte[]> bulk(String bootstrapServers) {
        return create(bootstrapServers, 5, "lz4");
    }

    public static KafkaProducer<byte[], byte[]> prompt(String bootstrapServers) {
        return create(bootstrapServers, 0, "none");
    }

    private static KafkaProducer<byte[], byte[]> create(String bootstrapServers, int lingerMs, String compression) {
        return ByteProducers.create(
                bootstrapServers,
                Map.of(
                        ProducerConfig.LINGER_MS_CONFIG, lingerMs,
                        ProducerConfig.BATCH_SIZE_CONFIG, 131072,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
                        // a loaded 2-core machine can stall a send for a while; a lost send would skew the run
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000));
    }
}
