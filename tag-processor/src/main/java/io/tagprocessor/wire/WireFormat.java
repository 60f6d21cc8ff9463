package io.tagprocessor.wire;

import io.tagprocessor.wire.WireFormatException.BadMagicByte;
import io.tagprocessor.wire.WireFormatException.TruncatedRecord;

/** The Confluent framing: magic byte 0, the schema id as 4 big-endian bytes, then the Avro body. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {}

    /** Subject of a record value under the TopicNameStrategy. */
    static String valueSubject(String topic) {
        return topic + "-value";
    }

    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** Checks the framing and returns the schema id it names. */
    static int readSchemaId(byte[] data) {
        if (data.length > 0 && data[0] != MAGIC_BYTE) {
            throw new BadMagicByte(data[0] & 0xff);
        }
        if (data.length < HEADER_SIZE) {
            throw new TruncatedRecord(
                    "record has " + data.length + " bytes, fewer than the " + HEADER_SIZE + "-byte header", null);
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }
}
