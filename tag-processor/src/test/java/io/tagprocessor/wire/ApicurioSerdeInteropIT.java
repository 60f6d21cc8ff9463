package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Our serde and Apicurio's own Kafka serde (3.x) read each other's records through one running registry
 * and broker. Apicurio is set to the Confluent framing: 4-byte id after magic byte 0, id = content id,
 * which is the id Apicurio's Confluent API hands out (unless its legacy-id-mode is switched on), no id
 * in headers, and TopicIdStrategy, whose artifact {@code <topic>-value} in group default is the
 * Confluent subject. These are Apicurio 3's defaults, spelled out. By default Apicurio registers nested
 * records as separate subjects referenced by name; with dereference-schema it registers one whole
 * schema, byte for byte what our serializer writes.
 */
class ApicurioSerdeInteropIT {

    private final TestInfrastructure infra = TestInfrastructure.get();
    private final SchemaRegistry registry =
            SchemaRegistry.caching(infra.schemaRegistryUrl(), null, null, Duration.ofSeconds(10));

    private Map<String, Object> apicurioConfig() {
        return apicurioConfig(false);
    }

    private Map<String, Object> apicurioConfig(boolean dereference) {
        return Map.of(
                "apicurio.registry.dereference-schema",
                dereference,
                "apicurio.registry.url",
                infra.registryBaseUrl() + "/apis/registry/v3",
                "apicurio.registry.id-handler",
                Default4ByteIdHandler.class.getName(),
                "apicurio.registry.use-id",
                "contentId",
                "apicurio.registry.headers.enabled",
                false,
                "apicurio.registry.artifact-resolver-strategy",
                TopicIdStrategy.class.getName(),
                "apicurio.registry.auto-register",
                true,
                "apicurio.registry.use-specific-avro-reader",
                true);
    }

    @Test
    void apicurioDeserializerReadsWhatOursWrites() throws Exception {
        String topic = KafkaTopics.newTopic("interop-ours-to-apicurio");
        List<TagCommand> sent = SampleRecords.commands().toList();

        KafkaTopics.send(topic, new ConfluentAvroSerializer<>(registry), sent);

        try (var apicurio = new AvroKafkaDeserializer<SpecificRecord>()) {
            apicurio.configure(apicurioConfig(), false);
            assertThat(KafkaTopics.receive(topic, apicurio, sent.size())).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void oursReadsWhatApicurioSerializerWrites() throws Exception {
        String topic = KafkaTopics.newTopic("interop-apicurio-to-ours");
        List<TagEvent> sent = SampleRecords.events().toList();

        try (var apicurio = new AvroKafkaSerializer<TagEvent>()) {
            apicurio.configure(apicurioConfig(), false);
            KafkaTopics.send(topic, apicurio, sent);
        }

        var ours = new ConfluentAvroDeserializer<>(registry, TagEvent.class);
        assertThat(KafkaTopics.receive(topic, ours, sent.size())).containsExactlyElementsOf(sent);
    }

    @Test
    void withDereferencedSchemasBothWriteTheSameBytes() {
        String topic = "interop-bytes-" + UUID.randomUUID();
        TagCommand command = SampleRecords.commands().findFirst().orElseThrow();

        byte[] theirs;
        try (var apicurio = new AvroKafkaSerializer<TagCommand>()) {
            apicurio.configure(apicurioConfig(true), false);
            theirs = apicurio.serialize(topic, command);
        }
        byte[] ours = new ConfluentAvroSerializer<TagCommand>(registry, false).serialize(topic, command);

        assertThat(ours).isEqualTo(theirs);
    }
}
