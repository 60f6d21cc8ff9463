package io.tagprocessor.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Builds framed records byte by byte, valid or not, for decoder tests. */
final class Frames {

    interface Body {
        void write(BinaryEncoder encoder) throws IOException;
    }

    private Frames() {}

    static byte[] framed(int schemaId, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, schemaId);
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            body.write(encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A generic record written with its own schema, as a producer using that schema would. */
    static byte[] framed(int schemaId, GenericData.Record record) {
        return framed(
                schemaId,
                encoder -> new GenericDatumWriter<GenericData.Record>(record.getSchema()).write(record, encoder));
    }

    /** Writes an Avro string's length and then raw bytes, which need not be UTF-8. */
    static void rawString(BinaryEncoder encoder, byte[] bytes) throws IOException {
        encoder.writeLong(bytes.length);
        encoder.writeFixed(bytes);
    }
}
