package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaGuaranteesTest {

    /** What Boot builds from the service's application.yml plus an operator's SASL_SSL settings. */
    private static Map<String, Object> bootConsumer() {
        Map<String, Object> config = new HashMap<>(security());
        config.put("isolation.level", "read_committed");
        config.put("key.deserializer", StringDeserializer.class);
        config.put("value.deserializer", StringDeserializer.class);
        return config;
    }

    private static Map<String, Object> bootProducer() {
        Map<String, Object> config = new HashMap<>(security());
        config.put("compression.type", "gzip");
        config.put("key.serializer", StringSerializer.class);
        config.put("value.serializer", StringSerializer.class);
        return config;
    }

    private static Map<String, Object> security() {
        return Map.of(
                "bootstrap.servers", List.of("kafka-1:9093"),
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.location", "/etc/kafka/truststore.p12");
    }

    @Test
    void securitySettingsReachTheConsumerAndTheGuaranteesAreLaidOnTop() {
        Map<String, Object> consumer = KafkaGuarantees.consumer(bootConsumer(), "tag-processor", 500);

        assertThat(consumer).containsAllEntriesOf(security());
        assertThat(consumer)
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("group.id", "tag-processor")
                .containsEntry("max.poll.records", "500")
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("key.deserializer", ByteArrayDeserializer.class)
                .containsEntry("value.deserializer", ByteArrayDeserializer.class);
    }

    @Test
    void securitySettingsReachTheProducerWithAcksAllIdempotenceAndBoundedInFlight() {
        Map<String, Object> producer = KafkaGuarantees.producer(bootProducer(), "relay");

        assertThat(producer).containsAllEntriesOf(security());
        assertThat(producer)
                .containsEntry("compression.type", "gzip")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("max.in.flight.requests.per.connection", 5)
                .containsEntry("client.id", "relay")
                .containsEntry("key.serializer", ByteArraySerializer.class);
    }

    @Test
    void acksMinusOneIsTheSameAsAll() {
        Map<String, Object> boot = bootProducer();
        boot.put("acks", "-1");

        assertThat(KafkaGuarantees.producer(boot, "relay")).containsEntry("acks", "all");
    }

    @Test
    void producerSettingsThatBreakAGuaranteeAreRefusedByName() {
        Map<String, Object> boot = bootProducer();
        boot.put("acks", "1");
        boot.put("enable.idempotence", "false");
        boot.put("max.in.flight.requests.per.connection", "10");
        boot.put("retries", "0");
        boot.put("transactional.id", "tx-1");

        assertThatIllegalStateException()
                .isThrownBy(() -> KafkaGuarantees.producer(boot, "relay"))
                .withMessageContaining("acks=1 (spring.kafka.producer.acks) must be all")
                .withMessageContaining("enable.idempotence=false")
                .withMessageContaining("max.in.flight.requests.per.connection=10")
                .withMessageContaining("retries=0 (spring.kafka.producer.retries)")
                .withMessageContaining("spring.kafka.producer.transaction-id-prefix")
                .withMessageNotContaining("tx-1");
    }

    @Test
    void consumerSettingsThatBreakAGuaranteeAreRefusedByName() {
        Map<String, Object> boot = bootConsumer();
        boot.put("enable.auto.commit", true);
        boot.put("isolation.level", "read_uncommitted");
        boot.put("auto.offset.reset", "latest");
        boot.put("group.id", "someone-else");
        boot.put("value.deserializer", "io.confluent.kafka.serializers.KafkaAvroDeserializer");

        assertThatIllegalStateException()
                .isThrownBy(() -> KafkaGuarantees.consumer(boot, "tag-processor", 500))
                .withMessageContaining("enable.auto.commit=true (spring.kafka.consumer.enable-auto-commit)")
                .withMessageContaining("isolation.level=read_uncommitted (spring.kafka.consumer.isolation-level)")
                .withMessageContaining("auto.offset.reset=latest")
                .withMessageContaining("group.id=someone-else")
                .withMessageContaining("value.deserializer=io.confluent.kafka.serializers.KafkaAvroDeserializer");
    }

    @Test
    void settingsThatAgreeWithTheGuaranteesAreAccepted() {
        Map<String, Object> consumer = bootConsumer();
        consumer.put("enable.auto.commit", "false");
        consumer.put("auto.offset.reset", "none");
        Map<String, Object> producer = bootProducer();
        producer.put("acks", "all");
        producer.put("max.in.flight.requests.per.connection", 1);
        producer.put("retries", 10);

        assertThat(KafkaGuarantees.consumer(consumer, "g", 10)).containsEntry("auto.offset.reset", "none");
        assertThat(KafkaGuarantees.producer(producer, "relay"))
                .containsEntry("max.in.flight.requests.per.connection", 1)
                .containsEntry("retries", 10);
    }

    @Test
    void theRelaysProducerOfATermIsTransactionalUnderTheConfiguredIdOnTopOfTheGuarantees() {
        ConsumerSettings consumer = new ConsumerSettings("g", 1, 10, 1024, true, null, null);
        KafkaClients clients = new KafkaClients(bootConsumer(), bootProducer(), Map.of(), consumer);

        assertThat(clients.transactionalProducer("tag-processor-relay"))
                .containsEntry("transactional.id", "tag-processor-relay")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsAllEntriesOf(security());
        assertThat(clients.producer()).doesNotContainKey("transactional.id");
    }
}
