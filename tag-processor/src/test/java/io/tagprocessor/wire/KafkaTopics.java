package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.testinfra.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends values through the fixture's real broker and reads them back, for integration tests. */
final class KafkaTopics {

    private KafkaTopics() {}

    /** A fresh single-partition topic, so order on the way back equals order on the way in. */
    static String newTopic(String prefix) {
        String topic = prefix + "-" + UUID.randomUUID();
        TestInfrastructure.get().createTopics(1, topic);
        return topic;
    }

    static <V> void send(String topic, Serializer<V> serializer, List<V> values)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            for (V value : values) {
                producer.send(new ProducerRecord<>(topic, "key", value)).get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    static <V> List<V> receive(String topic, Deserializer<V> deserializer, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers());
        List<V> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
                assertThat(received).hasSize(expected);
            });
        }
        return received;
    }
}
