package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.testinfra.TestInfrastructure;
import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.SchemaRejected;
import io.tagprocessor.wire.WireFormatException.UnknownSchemaId;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/** The client and serde against a real Apicurio registry (Confluent API) and a real Kafka broker. */
class ConfluentRegistryIT {

    private final TestInfrastructure infra = TestInfrastructure.get();
    private final SchemaRegistry registry =
            SchemaRegistry.caching(infra.schemaRegistryUrl(), null, null, Duration.ofSeconds(10));

    @Test
    void everyCommandAndEventSurvivesRegistryAndBroker() throws Exception {
        String commands = KafkaTopics.newTopic("wire-commands");
        String events = KafkaTopics.newTopic("wire-events");
        List<TagCommand> sentCommands = SampleRecords.commands().toList();
        List<TagEvent> sentEvents = SampleRecords.events().toList();

        KafkaTopics.send(commands, new ConfluentAvroSerializer<>(registry), sentCommands);
        KafkaTopics.send(events, new ConfluentAvroSerializer<>(registry), sentEvents);

        assertThat(KafkaTopics.receive(commands, new ConfluentAvroDeserializer<>(registry, TagCommand.class), 9))
                .containsExactlyElementsOf(sentCommands);
        assertThat(KafkaTopics.receive(events, new ConfluentAvroDeserializer<>(registry, TagEvent.class), 6))
                .containsExactlyElementsOf(sentEvents);
    }

    @Test
    void registeringIsIdempotentAndLookupFindsTheSameId() {
        String subject = "wire-idempotent-" + UUID.randomUUID() + "-value";
        var uncached = new ConfluentRegistryClient(infra.schemaRegistryUrl(), null, null, Duration.ofSeconds(10));

        int id = uncached.register(subject, TagCommand.getClassSchema());

        assertThat(uncached.register(subject, TagCommand.getClassSchema())).isEqualTo(id);
        assertThat(uncached.lookup(subject, TagCommand.getClassSchema())).isEqualTo(id);
        assertThat(uncached.schemaById(id)).isEqualTo(TagCommand.getClassSchema());
    }

    @Test
    void olderProducerSchemaInTheSameSubjectDecodesIntoTheCurrentClass() {
        String topic = "wire-evolution-" + UUID.randomUUID();
        Schema oldTagDefined = SchemaEdits.withoutField(TagDefined.getClassSchema(), "color");
        Schema oldCommand = SchemaEdits.editField(
                SchemaEdits.withoutField(TagCommand.getClassSchema(), "correlationId"),
                "payload",
                union -> Schema.createUnion(oldTagDefined));
        int oldId = registry.register(topic + "-value", oldCommand);
        int currentId = registry.register(topic + "-value", TagCommand.getClassSchema());
        GenericData.Record payload = new GenericData.Record(oldTagDefined);
        payload.put("name", "sale");
        GenericData.Record old = new GenericData.Record(oldCommand);
        old.put("commandId", UUID.randomUUID().toString());
        old.put("issuedAt", SampleRecords.AT.toEpochMilli());
        old.put("issuedBy", "alice");
        old.put("source", "legacy");
        old.put("payload", payload);

        TagCommand decoded = new ConfluentAvroDeserializer<>(
                        SchemaRegistry.caching(infra.schemaRegistryUrl(), null, null, Duration.ofSeconds(10)),
                        TagCommand.class)
                .decode(Frames.framed(oldId, old));

        assertThat(currentId).isNotEqualTo(oldId);
        assertThat(decoded.getPayload()).isEqualTo(new TagDefined("sale", null, null));
        assertThat(decoded.getIssuedAt()).isEqualTo(SampleRecords.AT);
    }

    @Test
    void breakingSchemaIsRejectedByTheRegistry() {
        String subject = "wire-breaking-" + UUID.randomUUID() + "-value";
        registry.register(subject, TagDefined.getClassSchema());
        Schema breaking =
                SchemaEdits.editField(TagDefined.getClassSchema(), "name", s -> Schema.create(Schema.Type.LONG));

        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOf(SchemaRejected.class)
                .hasMessageContaining("HTTP 409")
                .matches(e -> !((WireFormatException) e).isTransient());
    }

    @Test
    void lookupOnlySerializerRefusesASchemaTheSubjectLacks() {
        var lookupOnly = new ConfluentAvroSerializer<TagCommand>(registry, false);
        TagCommand command = SampleRecords.commands().findFirst().orElseThrow();

        assertThatThrownBy(() -> lookupOnly.serialize("wire-unknown-" + UUID.randomUUID(), command))
                .isInstanceOf(SchemaRejected.class)
                .hasMessageContaining("not registered");
    }

    @Test
    void unknownSchemaIdIsReportedAsSuch() {
        assertThatThrownBy(() -> registry.schemaById(987_654))
                .isInstanceOfSatisfying(
                        UnknownSchemaId.class, e -> assertThat(e.schemaId()).isEqualTo(987_654));
    }

    @Test
    void urlWithoutTheConfluentApiPathIsTransientNotAnUnknownId() {
        var wrongUrl = new ConfluentRegistryClient(infra.registryBaseUrl(), null, null, Duration.ofSeconds(10));

        assertThatThrownBy(() -> wrongUrl.schemaById(1))
                .isInstanceOf(RegistryUnavailable.class)
                .matches(e -> ((WireFormatException) e).isTransient());
    }

    @Test
    void closedPortIsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var deserializer = new ConfluentAvroDeserializer<>(
                SchemaRegistry.caching("http://127.0.0.1:" + closedPort, null, null, Duration.ofSeconds(2)),
                TagCommand.class);

        assertThatThrownBy(() -> deserializer.decode(Frames.framed(1, out -> {})))
                .isInstanceOf(RegistryUnavailable.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .matches(e -> ((WireFormatException) e).isTransient());
    }

    @Test
    void registryThatNeverAnswersTimesOutAsTransient() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) { // accepts connections, never replies
            var client = new ConfluentRegistryClient(
                    "http://127.0.0.1:" + silent.getLocalPort(), "user", "s3cret", Duration.ofMillis(500));

            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOf(RegistryUnavailable.class)
                    .hasMessageContaining("no answer within")
                    .hasMessageNotContaining("s3cret");
        }
    }
}
