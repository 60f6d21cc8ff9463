package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagDeletedEvent;
import io.tagprocessor.wire.WireFormatException.IncompatibleSchema;
import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Schemas that reference other subjects, as Apicurio's serde registers them, resolve into one schema. */
class RegisteredSchemaParserTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Schema EVENT = SchemaBuilder.record("Envelope")
            .namespace("io.tagprocessor.avro.event")
            .fields()
            .name("payload")
            .type(Schema.createUnion(EntityTagsChanged.getClassSchema(), TagDeletedEvent.getClassSchema()))
            .noDefault()
            .endRecord();
    /** The envelope as Apicurio writes it: nested records by name only, listed as references. */
    private static final String ENVELOPE = """
            {"type":"record","name":"Envelope","namespace":"io.tagprocessor.avro.event","fields":[
             {"name":"payload","type":["EntityTagsChanged","TagDeletedEvent"]}]}""";

    private final List<String> fetched = new ArrayList<>();

    private static RegistryResponse document(String schema, String... referencedSubjects) {
        ObjectNode node = JSON.createObjectNode().put("schema", schema);
        var references = node.putArray("references");
        for (String subject : referencedSubjects) {
            references.addObject().put("name", subject).put("subject", subject).put("version", 1);
        }
        return new RegistryResponse(200, JSON.writeValueAsBytes(node));
    }

    private RegisteredSchemaParser parserServing(Map<String, RegistryResponse> subjects) {
        return new RegisteredSchemaParser(5, path -> {
            fetched.add(path);
            return subjects.getOrDefault(
                    path, new RegistryResponse(404, "{\"error_code\":40401}".getBytes(StandardCharsets.UTF_8)));
        });
    }

    @Test
    void referencedRecordsAreFetchedOnceAndParsedFirst() {
        String changed = "io.tagprocessor.avro.event.EntityTagsChanged";
        String deleted = "io.tagprocessor.avro.event.TagDeletedEvent";
        var parser = parserServing(Map.of(
                "/subjects/" + changed + "/versions/1",
                        document(EntityTagsChanged.getClassSchema().toString()),
                "/subjects/" + deleted + "/versions/1",
                        document(TagDeletedEvent.getClassSchema().toString())));

        Schema parsed = parser.parse(document(ENVELOPE, changed, deleted, changed));

        assertThat(parsed).isEqualTo(EVENT);
        assertThat(fetched).hasSize(2);
    }

    @Test
    void missingReferenceIsIncompatibleAndUnreachableOneIsTransient() {
        assertThatThrownBy(() -> parserServing(Map.of()).parse(document(ENVELOPE, "gone")))
                .isInstanceOf(IncompatibleSchema.class)
                .hasMessageContaining("gone version 1");

        var down = new RegisteredSchemaParser(5, path -> new RegistryResponse(503, new byte[0]));
        assertThatThrownBy(() -> down.parse(document(ENVELOPE, "x"))).isInstanceOf(RegistryUnavailable.class);
    }

    @Test
    void selfReferenceEndsInsteadOfLooping() {
        var parser = parserServing(Map.of("/subjects/loop/versions/1", document(ENVELOPE, "loop")));

        assertThatThrownBy(() -> parser.parse(document(ENVELOPE, "loop"))).isInstanceOf(IncompatibleSchema.class);
        assertThat(fetched).hasSize(1);
    }
}
