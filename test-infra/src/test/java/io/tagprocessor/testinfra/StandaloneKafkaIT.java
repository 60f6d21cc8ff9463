package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StandaloneKafkaIT {

    private static StandaloneKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = StandaloneKafka.in(Path.of("target", "standalone-kafka-it-" + UUID.randomUUID()));
        kafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void acknowledgedRecordSurvivesKillNineAndRestartOnTheSamePort() throws Exception {
        String topic = "standalone-it-" + UUID.randomUUID();
        String before = kafka.bootstrapServers();
        try (var producer = new KafkaProducer<String, String>(producerSettings())) {
            producer.send(new ProducerRecord<>(topic, "article:42", "before-kill"))
                    .get();
        }

        kafka.kill();
        assertThat(kafka.isRunning()).isFalse();
        kafka.start();

        assertThat(kafka.bootstrapServers()).isEqualTo(before);
        assertThat(readAll(topic, 1)).extracting(ConsumerRecord::value).containsExactly("before-kill");
    }

    @Test
    void gracefulRestartKeepsRecordsAndAcceptsNewOnes() throws Exception {
        String topic = "standalone-it-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, String>(producerSettings())) {
            producer.send(new ProducerRecord<>(topic, "k", "one")).get();
        }

        kafka.restart();

        try (var producer = new KafkaProducer<String, String>(producerSettings())) {
            producer.send(new ProducerRecord<>(topic, "k", "two")).get();
        }
        assertThat(readAll(topic, 2)).extracting(ConsumerRecord::value).containsExactly("one", "two");
    }

    private static Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }
}
