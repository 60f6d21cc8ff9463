package io.tagprocessor.testinfra;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producers of raw bytes as a producing service configures them: {@code acks=all}, idempotent. */
public final class ByteProducers {

    private ByteProducers() {}

    public static KafkaProducer<byte[], byte[]> create(String bootstrapServers) {
        return create(bootstrapServers, Map.of());
    }

    /** With {@code settings} (producer configs) on top, e.g. a larger {@code max.request.size}. */
    public static KafkaProducer<byte[], byte[]> create(String bootstrapServers, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(settings);
        return new KafkaProducer<>(config);
    }
}
