package io.tagprocessor.wire;

import io.tagprocessor.wire.WireFormatException.IncompatibleSchema;
import io.tagprocessor.wire.WireFormatException.UnknownSchemaId;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import tools.jackson.databind.JsonNode;

/**
 * Turns the answer to {@code GET /schemas/ids/{id}} into one Avro schema, first fetching and parsing
 * the schemas it references ({@code {name, subject, version}}, as Apicurio's serde registers nested
 * records by default) into the same parser. At most {@value #MAX_REFERENCES} references are followed,
 * each once, so cycles and fan-out stay bounded.
 */
final class RegisteredSchemaParser {

    static final int MAX_REFERENCES = 100;

    private final int id;
    private final Function<String, RegistryResponse> get;
    private final Schema.Parser parser = new Schema.Parser();
    private final Set<String> followed = new HashSet<>();

    /** @param get fetches a path below the registry's base URL */
    RegisteredSchemaParser(int id, Function<String, RegistryResponse> get) {
        this.id = id;
        this.get = get;
    }

    Schema parse(RegistryResponse byId) {
        if (byId.notFound(RegistryResponse.SCHEMA_NOT_FOUND)) {
            throw new UnknownSchemaId(id);
        }
        if (!byId.ok()) {
            throw byId.failure("schema id " + id);
        }
        return parseDocument(byId.json());
    }

    private Schema parseDocument(JsonNode document) {
        String type = document.path("schemaType").asString("AVRO");
        if (!"AVRO".equals(type)) {
            throw new IncompatibleSchema(id, "is a " + type + " schema, not Avro", null);
        }
        for (JsonNode reference : document.path("references")) {
            follow(
                    reference.path("subject").asString(""),
                    reference.path("version").asString(""));
        }
        try {
            return parser.parse(document.path("schema").asString(""));
        } catch (AvroRuntimeException e) { // SchemaParseException, or AvroTypeException for an unknown name
            throw new IncompatibleSchema(id, "is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private void follow(String subject, String version) {
        if (!followed.add(subject + "/" + version)) {
            return;
        }
        if (followed.size() > MAX_REFERENCES) {
            throw new IncompatibleSchema(id, "references more than " + MAX_REFERENCES + " schemas", null);
        }
        String path = ConfluentRegistryClient.subjectPath(subject) + "/versions/" + version;
        RegistryResponse answer = get.apply(path);
        if (answer.notFound(
                RegistryResponse.SUBJECT_NOT_FOUND,
                RegistryResponse.VERSION_NOT_FOUND,
                RegistryResponse.SCHEMA_NOT_FOUND)) {
            throw new IncompatibleSchema(id, "references " + subject + " version " + version + ", which is gone", null);
        }
        if (!answer.ok()) {
            throw answer.failure("schema id " + id + " reference " + subject + "/" + version);
        }
        parseDocument(answer.json());
    }
}
