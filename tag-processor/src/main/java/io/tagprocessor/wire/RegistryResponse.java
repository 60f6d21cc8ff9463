package io.tagprocessor.wire;

import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.SchemaRejected;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of a Confluent-API registry and what it means. A failure blames the schema only for 409
 * (incompatible) and 422 (invalid); any other unexpected answer is the registry's and transient.
 */
record RegistryResponse(int status, byte[] body) {

    static final int SUBJECT_NOT_FOUND = 40401;
    static final int VERSION_NOT_FOUND = 40402;
    static final int SCHEMA_NOT_FOUND = 40403;

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final int MAX_MESSAGE_CHARS = 200;

    boolean ok() {
        return status == 200;
    }

    /** True for a 404 carrying one of these Confluent error codes (a plain 404 means a wrong URL). */
    boolean notFound(int... errorCodes) {
        if (status != 404) {
            return false;
        }
        int errorCode = errorCode();
        for (int expected : errorCodes) {
            if (errorCode == expected) {
                return true;
            }
        }
        return false;
    }

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new RegistryUnavailable("schema registry answered with something other than JSON", e);
        }
    }

    /** The schema id in a register or lookup answer. */
    int schemaId() {
        JsonNode id = json().path("id");
        if (!id.canConvertToInt()) {
            throw new RegistryUnavailable("schema registry answer has no schema id", null);
        }
        return id.asInt();
    }

    int errorCode() {
        try {
            return JSON.readTree(body).path("error_code").asInt(-1);
        } catch (JacksonException e) {
            return -1;
        }
    }

    /** What this unexpected answer means for the request about {@code about} (a subject or an id). */
    WireFormatException failure(String about) {
        String detail = "HTTP " + status + " error_code " + errorCode() + ": " + message();
        if (status == 409 || status == 422) {
            return new SchemaRejected(about, detail);
        }
        return new RegistryUnavailable("schema registry could not answer for " + about + ": " + detail, null);
    }

    private String message() {
        String text;
        try {
            text = JSON.readTree(body).path("message").asString("");
        } catch (JacksonException e) {
            text = new String(body, StandardCharsets.UTF_8);
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text;
    }
}
