package io.tagprocessor.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one in-memory record that trusts no length in it: every string, bytes, fixed
 * and collection block must fit in the bytes that remain, so hostile input cannot make the reader
 * allocate more than the record's own size. Strings must be valid UTF-8. Running out of bytes is an
 * {@link EOFException}; any other invalid encoding is an {@link InvalidEncodingException}. A collection
 * block may declare at most as many items as bytes remain, so arrays of zero-byte items (null, empty
 * records) longer than that are refused.
 */
final class BoundedBinaryDecoder extends Decoder {

    static final class InvalidEncodingException extends IOException {
        InvalidEncodingException(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private int position;

    BoundedBinaryDecoder(byte[] data, int offset) {
        this.data = data;
        this.position = offset;
    }

    int remaining() {
        return data.length - position;
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        byte value = nextByte();
        if (value != 0 && value != 1) {
            throw new InvalidEncodingException("boolean byte is " + value + ", not 0 or 1");
        }
        return value == 1;
    }

    @Override
    public int readInt() throws IOException {
        long value = readVarLong(5);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new InvalidEncodingException("int out of range: " + value);
        }
        return (int) value;
    }

    @Override
    public long readLong() throws IOException {
        return readVarLong(10);
    }

    @Override
    public float readFloat() throws IOException {
        return ByteBuffer.wrap(take(4)).order(ByteOrder.LITTLE_ENDIAN).getFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return ByteBuffer.wrap(take(8)).order(ByteOrder.LITTLE_ENDIAN).getDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        byte[] bytes = take(length("string"));
        checkUtf8(bytes);
        return new Utf8(bytes);
    }

    @Override
    public String readString() throws IOException {
        byte[] bytes = take(length("string"));
        return checkUtf8(bytes);
    }

    @Override
    public void skipString() throws IOException {
        skip(length("string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        return ByteBuffer.wrap(take(length("bytes")));
    }

    @Override
    public void skipBytes() throws IOException {
        skip(length("bytes"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        checkFits(length, "fixed of " + length + " bytes");
        System.arraycopy(data, position, bytes, start, length);
        position += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        skip(length);
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return blockCount(false);
    }

    @Override
    public long arrayNext() throws IOException {
        return blockCount(false);
    }

    @Override
    public long skipArray() throws IOException {
        return blockCount(true);
    }

    @Override
    public long readMapStart() throws IOException {
        return blockCount(false);
    }

    @Override
    public long mapNext() throws IOException {
        return blockCount(false);
    }

    @Override
    public long skipMap() throws IOException {
        return blockCount(true);
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /**
     * Item count of the next collection block (0 at the end). A negative count announces the block's
     * byte size; when skipping, such blocks are jumped over whole.
     */
    private long blockCount(boolean skipSizedBlocks) throws IOException {
        while (true) {
            long count = readLong();
            if (count >= 0) {
                return checkFits(count, "collection block of " + count + " items");
            }
            if (count == Long.MIN_VALUE) {
                throw new InvalidEncodingException("collection block count out of range");
            }
            long size = readLong();
            if (size < 0) {
                throw new InvalidEncodingException("negative collection block size " + size);
            }
            if (!skipSizedBlocks) {
                return checkFits(-count, "collection block of " + -count + " items");
            }
            skip((int) checkFits(size, "collection block of " + size + " bytes"));
        }
    }

    private int length(String kind) throws IOException {
        long length = readLong();
        if (length < 0) {
            throw new InvalidEncodingException("negative " + kind + " length " + length);
        }
        return (int) checkFits(length, kind + " of " + length + " bytes");
    }

    private long checkFits(long needed, String what) throws IOException {
        if (needed < 0) {
            throw new InvalidEncodingException(what + " has a negative size");
        }
        if (needed > remaining()) {
            throw new EOFException(what + " but only " + remaining() + " bytes remain");
        }
        return needed;
    }

    private byte[] take(int count) throws IOException {
        checkFits(count, "value of " + count + " bytes");
        byte[] bytes = Arrays.copyOfRange(data, position, position + count);
        position += count;
        return bytes;
    }

    private void skip(int count) throws IOException {
        position += (int) checkFits(count, "value of " + count + " bytes");
    }

    private byte nextByte() throws IOException {
        checkFits(1, "value of 1 byte");
        return data[position++];
    }

    /** Zig-zag variable-length integer of at most {@code maxBytes} bytes. */
    private long readVarLong(int maxBytes) throws IOException {
        long raw = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = nextByte() & 0xff;
            raw |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new InvalidEncodingException("variable-length integer longer than " + maxBytes + " bytes");
    }

    private static String checkUtf8(byte[] bytes) throws InvalidEncodingException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEncodingException("string is not valid UTF-8");
        }
    }
}
