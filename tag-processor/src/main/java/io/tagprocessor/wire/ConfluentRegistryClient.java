package io.tagprocessor.wire;

import io.tagprocessor.wire.RegistryHttp.Response;
import io.tagprocessor.wire.WireFormatException.IncompatibleSchema;
import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.SchemaRejected;
import io.tagprocessor.wire.WireFormatException.UnknownSchemaId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a schema registry through the Confluent REST API (Confluent, Apicurio {@code ccompat}, Karapace,
 * Redpanda): one HTTP call per method, no caching (wrap it in {@link CachingSchemaRegistry}). Answers
 * that blame the schema become non-transient failures; everything else, including a 404 without a
 * Confluent error code (a wrong URL), becomes {@link RegistryUnavailable}.
 */
public final class ConfluentRegistryClient implements SchemaRegistry {

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int SCHEMA_NOT_FOUND = 40403;

    private static final Logger log = LoggerFactory.getLogger(ConfluentRegistryClient.class);
    private static final JsonMapper JSON = JsonMapper.shared();

    private final RegistryHttp http;

    /** Username and password may be null (no auth); the password is never logged or shown. */
    public ConfluentRegistryClient(String url, String username, String password, Duration requestTimeout) {
        this.http = new RegistryHttp(url, username, password, requestTimeout);
    }

    @Override
    public int register(String subject, Schema schema) {
        Response response = http.post(subjectPath(subject) + "/versions", schemaRequest(schema));
        if (response.status() != 200) {
            throw failure(subject, response);
        }
        int id = schemaId(response);
        log.info("schema registered subject={} schema_id={}", subject, id);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        Response response = http.post(subjectPath(subject), schemaRequest(schema));
        int errorCode = errorCode(response);
        if (response.status() == 404 && (errorCode == SUBJECT_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND)) {
            throw new SchemaRejected(subject, "schema is not registered and auto-registration is off");
        }
        if (response.status() != 200) {
            throw failure(subject, response);
        }
        return schemaId(response);
    }

    @Override
    public Schema schemaById(int id) {
        return schemaFrom(id, http.get("/schemas/ids/" + id));
    }

    /** The Avro schema in an answer to {@code GET /schemas/ids/{id}}, or the failure it means. */
    static Schema schemaFrom(int id, Response response) {
        if (response.status() == 404 && errorCode(response) == SCHEMA_NOT_FOUND) {
            throw new UnknownSchemaId(id);
        }
        if (response.status() != 200) {
            throw failure("schema id " + id, response);
        }
        JsonNode body = json(response);
        String type = body.path("schemaType").asString("AVRO");
        if (!"AVRO".equals(type)) {
            throw new IncompatibleSchema(id, "is a " + type + " schema, not Avro", null);
        }
        if (!body.path("references").isEmpty()) {
            throw new IncompatibleSchema(id, "uses schema references, which are not supported", null);
        }
        try {
            return new Schema.Parser().parse(body.path("schema").asString(""));
        } catch (SchemaParseException e) {
            throw new IncompatibleSchema(id, "is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ConfluentRegistryClient[" + http.baseUrl() + "]";
    }

    static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What a non-success answer means: the registry refused the schema, or it is not usable now. */
    static WireFormatException failure(String about, Response response) {
        int status = response.status();
        String detail = "HTTP " + status + " error_code " + errorCode(response) + ": " + message(response);
        if (status == 409 || status == 422) {
            return new SchemaRejected(about, detail);
        }
        return new RegistryUnavailable("schema registry could not answer for " + about + ": " + detail, null);
    }

    static int errorCode(Response response) {
        try {
            return JSON.readTree(response.body()).path("error_code").asInt(-1);
        } catch (JacksonException e) {
            return -1;
        }
    }

    private static String message(Response response) {
        String text;
        try {
            text = JSON.readTree(response.body()).path("message").asString("");
        } catch (JacksonException e) {
            text = new String(response.body(), StandardCharsets.UTF_8);
        }
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static byte[] schemaRequest(Schema schema) {
        return JSON.writeValueAsBytes(JSON.createObjectNode().put("schema", schema.toString()));
    }

    private static int schemaId(Response response) {
        JsonNode id = json(response).path("id");
        if (!id.canConvertToInt()) {
            throw new RegistryUnavailable("schema registry answer has no schema id", null);
        }
        return id.asInt();
    }

    private static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new RegistryUnavailable("schema registry answered with something other than JSON", e);
        }
    }
}
