package io.tagprocessor.config;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Kafka wiring shared by the pipeline: the topics (created when missing, the state topic
 * compacted) and the relay's idempotent producer ({@code acks=all}).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafka
class KafkaConfiguration {

    @Bean
    KafkaAdmin kafkaAdmin(TagProcessorProperties properties) {
        KafkaAdmin admin = new KafkaAdmin(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers()));
        admin.setAutoCreate(properties.topics().create());
        admin.setFatalIfBrokerNotAvailable(false);
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics tagProcessorTopics(TagProcessorProperties properties) {
        TopicSettings topics = properties.topics();
        return new KafkaAdmin.NewTopics(
                topic(topics, topics.commands()).build(),
                topic(topics, topics.events()).build(),
                topic(topics, topics.entityState())
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        .build(),
                topic(topics, topics.rejections()).build(),
                topic(topics, topics.deadLetter()).build());
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> relayProducer(TagProcessorProperties properties) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                properties.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                5,
                ProducerConfig.LINGER_MS_CONFIG,
                1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.CLIENT_ID_CONFIG,
                "tag-processor-relay",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    private static TopicBuilder topic(TopicSettings settings, String name) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor());
    }
}
