package io.tagprocessor.wire;

import static io.tagprocessor.wire.SchemaEdits.editField;
import static io.tagprocessor.wire.SchemaEdits.withBranch;
import static io.tagprocessor.wire.SchemaEdits.withoutField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.wire.WireFormatException.IncompatibleSchema;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/** Records written with another version of the schema are read into the current generated classes. */
class SchemaResolutionTest {

    private static final Schema COMMAND = TagCommand.getClassSchema();
    private static final UUID COMMAND_ID = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ConfluentAvroDeserializer<TagCommand> deserializer =
            new ConfluentAvroDeserializer<>(registry, TagCommand.class);

    @Test
    void olderWriterWithoutColorAndCorrelationIdDecodesWithDefaults() {
        Schema oldTagDefined = withoutField(TagDefined.getClassSchema(), "color");
        Schema oldPayload = Schema.createUnion(TagAssigned.getClassSchema(), oldTagDefined);
        Schema oldCommand = editField(withoutField(COMMAND, "correlationId"), "payload", s -> oldPayload);
        GenericData.Record payload = new GenericData.Record(oldTagDefined);
        payload.put("name", "sale");
        payload.put("description", "Items on sale");

        TagCommand decoded = deserializer.decode(Frames.framed(registry.add(oldCommand), command(oldCommand, payload)));

        assertThat(decoded.getCommandId()).isEqualTo(COMMAND_ID);
        assertThat(decoded.getIssuedAt()).isEqualTo(SampleRecords.AT);
        assertThat(decoded.getCorrelationId()).isNull();
        assertThat(decoded.getPayload()).isEqualTo(new TagDefined("sale", "Items on sale", null));
    }

    @Test
    void newerWriterWithAnUnknownBranchIsRefusedWholeBecauseAvroWouldMisreadIt() throws Exception {
        Schema archived = SchemaBuilder.record("TagArchived")
                .namespace(COMMAND.getNamespace())
                .fields()
                .requiredString("name")
                .endRecord();
        Schema newer = editField(COMMAND, "payload", union -> withBranch(union, archived));
        int id = registry.add(newer);
        GenericData.Record archive = new GenericData.Record(archived);
        archive.put("name", "sale");
        byte[] bytes = Frames.framed(id, command(newer, archive));

        Object plainAvro = new SpecificDatumReader<TagCommand>(newer, COMMAND)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null))
                .getPayload();
        assertThat(plainAvro).as("what Avro alone makes of it").isEqualTo(new TagDefined("sale", null, null));

        assertThatThrownBy(() -> deserializer.decode(bytes))
                .isInstanceOfSatisfying(
                        IncompatibleSchema.class, e -> assertThat(e.schemaId()).isEqualTo(id))
                .hasMessageContaining("TagArchived")
                .matches(e -> !((WireFormatException) e).isTransient());
        GenericData.Record assigned = new GenericData.Record(
                newer.getField("payload").schema().getTypes().get(0));
        assigned.put("entityType", "product");
        assigned.put("entityId", "p-1");
        assigned.put("tag", "sale");
        assertThatThrownBy(() -> deserializer.decode(Frames.framed(id, command(newer, assigned))))
                .isInstanceOf(IncompatibleSchema.class);
    }

    @Test
    void writerWithAChangedFieldTypeIsIncompatible() {
        Schema changed = editField(COMMAND, "issuedBy", s -> Schema.create(Schema.Type.INT));
        GenericData.Record payload = new GenericData.Record(TagAssigned.getClassSchema());
        payload.put("entityType", "product");
        payload.put("entityId", "p-1");
        payload.put("tag", "sale");
        GenericData.Record record = command(changed, payload);
        record.put("issuedBy", 42);

        assertThatThrownBy(() -> deserializer.decode(Frames.framed(registry.add(changed), record)))
                .isInstanceOf(IncompatibleSchema.class)
                .hasMessageContaining("TYPE_MISMATCH at /fields/2/type");
    }

    @Test
    void readerIsResolvedOncePerSchemaId() {
        Schema older = withoutField(COMMAND, "correlationId");
        int id = registry.add(older);
        GenericData.Record payload = new GenericData.Record(TagAssigned.getClassSchema());
        payload.put("entityType", "product");
        payload.put("entityId", "p-1");
        payload.put("tag", "sale");
        byte[] bytes = Frames.framed(id, command(older, payload));

        for (int i = 0; i < 50; i++) {
            assertThat(deserializer.decode(bytes).getCorrelationId()).isNull();
        }
        assertThat(registry.calls).hasValue(1);
    }

    private static GenericData.Record command(Schema schema, GenericData.Record payload) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("commandId", COMMAND_ID.toString());
        record.put("issuedAt", SampleRecords.AT.toEpochMilli());
        record.put("issuedBy", "alice");
        record.put("source", "catalog-service");
        record.put("payload", payload);
        return record;
    }
}
