package io.tagprocessor.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The configuration of every Kafka client of the service: what Spring Boot built from
 * {@code spring.kafka.*} (bootstrap servers, security protocol, SASL, SSL or an SSL bundle, any
 * {@code spring.kafka.properties.*}) with the guarantees of {@link KafkaGuarantees} on top, so that one
 * setting reaches the listener's consumers, the relay's producer and the admin alike.
 */
public final class KafkaClients {

    private final Map<String, Object> consumer;
    private final Map<String, Object> producer;
    private final Map<String, Object> admin;

    KafkaClients(
            Map<String, Object> bootConsumer,
            Map<String, Object> bootProducer,
            Map<String, Object> bootAdmin,
            ConsumerSettings consumerSettings) {
        this.consumer = Map.copyOf(
                KafkaGuarantees.consumer(bootConsumer, consumerSettings.groupId(), consumerSettings.maxPollRecords()));
        this.producer = Map.copyOf(KafkaGuarantees.producer(bootProducer, "tag-processor-relay"));
        this.admin = Map.copyOf(bootAdmin);
    }

    /** The command listener's consumers: manual commits, read_committed, raw bytes. */
    public Map<String, Object> consumer() {
        return consumer;
    }

    /** The relay's producer: acks=all, idempotent, at most five requests in flight, raw bytes. */
    public Map<String, Object> producer() {
        return producer;
    }

    /**
     * The relay's producer for one leadership term: {@link #producer()} made transactional under
     * {@code transactionalId}, so that a new leader's {@code initTransactions} fences the former one
     * at the broker (its late sends are aborted, never read by a read_committed subscriber).
     */
    public Map<String, Object> transactionalProducer(String transactionalId) {
        Map<String, Object> config = new HashMap<>(producer);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return config;
    }

    /** The admin client: topics and the startup access check. */
    public Map<String, Object> admin() {
        return admin;
    }
}
