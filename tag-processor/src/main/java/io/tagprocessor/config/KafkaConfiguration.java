package io.tagprocessor.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Kafka wiring shared by the pipeline. Every client starts from what Spring Boot built out of
 * {@code spring.kafka.*} (its consumer and producer factories and its {@link KafkaAdmin}), so security
 * settings reach all of them; {@link KafkaClients} lays the service's guarantees on top. Declares the
 * topics (created when missing, the state topic compacted) and the relay's producer.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafka
@ConditionalOnProcessing
class KafkaConfiguration {

    @Bean
    KafkaClients kafkaClients(
            ConsumerFactory<?, ?> bootConsumers,
            ProducerFactory<?, ?> bootProducers,
            KafkaAdmin bootAdmin,
            TagProcessorProperties properties) {
        Map<String, Object> producer = new HashMap<>(bootProducers.getConfigurationProperties());
        if (bootProducers.getTransactionIdPrefix() != null) {
            // Boot keeps the prefix out of the map; shown to the guarantees so that they refuse it
            producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, bootProducers.getTransactionIdPrefix());
        }
        return new KafkaClients(
                bootConsumers.getConfigurationProperties(),
                producer,
                bootAdmin.getConfigurationProperties(),
                properties.consumer());
    }

    @Bean
    KafkaAccessCheck kafkaAccessCheck(KafkaClients clients, TagProcessorProperties properties) {
        return new KafkaAccessCheck(clients.admin(), properties.kafka().startupCheckTimeout());
    }

    @Bean
    KafkaAdmin.NewTopics tagProcessorTopics(TagProcessorProperties properties) {
        TopicSettings topics = properties.topics();
        if (!topics.create()) {
            return new KafkaAdmin.NewTopics();
        }
        return new KafkaAdmin.NewTopics(
                topic(topics, topics.commands())
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                        .config(
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(properties.retention().commands().toMillis()))
                        .build(),
                topic(topics, topics.events()).build(),
                topic(topics, topics.entityState())
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .build(),
                topic(topics, topics.rejections()).build(),
                topic(topics, topics.deadLetter()).build());
    }

    @Bean(destroyMethod = "close")
    KafkaClientMeters kafkaClientMeters(MeterRegistry meters, TagProcessorProperties properties) {
        return new KafkaClientMeters(meters, properties.observe().kafkaMetricsRefresh());
    }

    /** Opens the relay's transactional producers, anew each leadership term, their metrics bound. */
    @Bean
    RelayProducers relayProducers(
            KafkaClients clients, KafkaClientMeters clientMeters, TagProcessorProperties properties) {
        String base = properties.relay().transactionalId();
        return number -> {
            KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(clients.transactionalProducer(RelayProducers.numbered(base, number)));
            clientMeters.bindProducer(RelayProducers.numbered("relayProducer", number), producer);
            return producer;
        };
    }

    private static TopicBuilder topic(TopicSettings settings, String name) {
        return TopicBuilder.name(name)
                .partitions(settings.partitions())
                .replicas(settings.replicationFactor())
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(settings.minInsyncReplicas())));
    }
}
