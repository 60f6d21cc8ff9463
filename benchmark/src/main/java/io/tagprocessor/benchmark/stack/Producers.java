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
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                lingerMs,
                ProducerConfig.BATCH_SIZE_CONFIG,
                131072,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                compression,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }
}
