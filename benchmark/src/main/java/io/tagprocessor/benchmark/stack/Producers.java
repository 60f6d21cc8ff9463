package io.tagprocessor.benchmark.stack;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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
        return new KafkaProducer<>(Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, lingerMs),
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 131072),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression),
                // a loaded 2-core machine can stall a send for a while; a lost send would skew the run
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 60_000),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000),
                Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class),
                Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }
}
