package io.tagprocessor.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Hand-written TagCommand frames, field by field in the order of the schema, for input no Avro
 * writer would produce: invalid UTF-8, lying lengths, union branches that do not exist.
 */
final class RawAvro {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);

    RawAvro(int schemaId) {
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    }

    RawAvro string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A string field whose content is these bytes (any bytes, valid UTF-8 or not). */
    RawAvro bytes(byte[] value) {
        try {
            encoder.writeBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A raw varint: a length, a timestamp or a union index. */
    RawAvro varint(long value) {
        try {
            encoder.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** commandId, issuedAt, issuedBy, source, correlationId = null: everything up to the payload. */
    RawAvro envelope(String commandId) {
        return string(commandId)
                .varint(1_700_000_000_000L)
                .string("corpus")
                .string("chaos")
                .varint(0);
    }

    byte[] build() {
        try {
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
