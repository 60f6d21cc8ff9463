package io.tagprocessor.wire;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Why a record could not be encoded or decoded. Exactly one subtype is transient ({@link
 * RegistryUnavailable}): retry it with backoff, never skip the record. Every other subtype is caused by
 * the record or its schema and repeats on every attempt (poison).
 */
public abstract sealed class WireFormatException extends SerializationException {

    private WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same record may succeed later, so it must be retried rather than set aside. */
    public boolean isTransient() {
        return false;
    }

    /** The first byte is not the Confluent magic byte 0. */
    public static final class BadMagicByte extends WireFormatException {
        public BadMagicByte(int found) {
            super("expected magic byte 0 but found " + found, null);
        }
    }

    /** Fewer than 5 bytes, or the Avro body ends before the data its schema declares. */
    public static final class TruncatedRecord extends WireFormatException {
        public TruncatedRecord(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The Avro body is not valid for its writer schema: negative or overlong lengths, invalid UTF-8, an
     * out-of-range union or enum index, a value its logical type rejects, or bytes left over at the end.
     */
    public static final class MalformedRecord extends WireFormatException {
        public MalformedRecord(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The registry answered that no schema has this id (HTTP 404, error_code 40403). */
    public static final class UnknownSchemaId extends WireFormatException {
        private final int schemaId;

        public UnknownSchemaId(int schemaId) {
            super("schema id " + schemaId + " is unknown to the registry", null);
            this.schemaId = schemaId;
        }

        public int schemaId() {
            return schemaId;
        }
    }

    /**
     * The writer schema cannot be read as the reader schema (for example a union branch the reader does
     * not know, a changed field type), or the id names something that is not a usable Avro schema.
     */
    public static final class IncompatibleSchema extends WireFormatException {
        private final int schemaId;

        public IncompatibleSchema(int schemaId, String message, Throwable cause) {
            super("schema id " + schemaId + ": " + message, cause);
            this.schemaId = schemaId;
        }

        public int schemaId() {
            return schemaId;
        }
    }

    /**
     * The registry refuses the writer's schema for a subject: incompatible with earlier versions (409),
     * invalid (422), or not registered while auto-registration is off.
     */
    public static final class SchemaRejected extends WireFormatException {
        public SchemaRejected(String subject, String message) {
            super("subject " + subject + ": " + message, null);
        }
    }

    /**
     * The registry could not give a usable answer: connection refused, timeout, 5xx, 408/429, 401/403, or
     * a response that is not the Confluent API (wrong URL, a proxy page). Nothing here is the record's
     * fault.
     */
    public static final class RegistryUnavailable extends WireFormatException {
        public RegistryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }
}
