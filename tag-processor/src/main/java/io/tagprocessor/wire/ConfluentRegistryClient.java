package io.tagprocessor.wire;

import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.SchemaRejected;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a schema registry through the Confluent REST API (Confluent, Apicurio {@code ccompat}, Karapace,
 * Redpanda): one HTTP call per method (plus one per schema reference), no caching (wrap it in {@link
 * CachingSchemaRegistry}). Answers that blame the schema become non-transient failures; everything else,
 * including a 404 without a Confluent error code (a wrong URL), becomes {@link RegistryUnavailable}.
 */
public final class ConfluentRegistryClient implements SchemaRegistry {

    private static final Logger log = LoggerFactory.getLogger(ConfluentRegistryClient.class);

    private final RegistryHttp http;

    /** Username and password may be null (no auth); the password is never logged or shown. */
    public ConfluentRegistryClient(String url, String username, String password, Duration requestTimeout) {
        this(url, username, password, requestTimeout, null);
    }

    /** As above, trusting HTTPS certificates through {@code tls} (null: the JVM's default trust). */
    public ConfluentRegistryClient(
            String url, String username, String password, Duration requestTimeout, SSLContext tls) {
        this.http = new RegistryHttp(url, username, password, requestTimeout, tls);
    }

    @Override
    public int register(String subject, Schema schema) {
        RegistryResponse response = http.post(subjectPath(subject) + "/versions", schemaRequest(schema));
        if (!response.ok()) {
            throw response.failure(subject);
        }
        int id = response.schemaId();
        log.info("schema registered subject={} schema_id={}", subject, id);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        RegistryResponse response = http.post(subjectPath(subject), schemaRequest(schema));
        if (response.notFound(RegistryResponse.SUBJECT_NOT_FOUND, RegistryResponse.SCHEMA_NOT_FOUND)) {
            throw new SchemaRejected(subject, "schema is not registered and auto-registration is off");
        }
        if (!response.ok()) {
            throw response.failure(subject);
        }
        return response.schemaId();
    }

    @Override
    public Schema schemaById(int id) {
        return new RegisteredSchemaParser(id, http::get).parse(http.get("/schemas/ids/" + id));
    }

    @Override
    public String toString() {
        return "ConfluentRegistryClient[" + http.baseUrl() + "]";
    }

    static String subjectPath(String subject) {
        return "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] schemaRequest(Schema schema) {
        JsonMapper json = JsonMapper.shared();
        return json.writeValueAsBytes(json.createObjectNode().put("schema", schema.toString()));
    }
}
