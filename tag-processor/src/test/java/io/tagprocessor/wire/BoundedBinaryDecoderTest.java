package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.wire.BoundedBinaryDecoder.InvalidEncodingException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The decoder agrees with Avro's encoder on valid input and refuses what is not valid. */
class BoundedBinaryDecoderTest {

    private static BoundedBinaryDecoder decoderOf(Frames.Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        body.write(encoder);
        encoder.flush();
        return new BoundedBinaryDecoder(out.toByteArray(), 0);
    }

    @Test
    void readsWhatAvroWrites() throws IOException {
        BoundedBinaryDecoder in = decoderOf(out -> {
            out.writeInt(Integer.MIN_VALUE);
            out.writeLong(Long.MAX_VALUE);
            out.writeBoolean(true);
            out.writeFloat(1.5f);
            out.writeDouble(-2.25);
            out.writeString("Größe 🏷");
            out.writeBytes(new byte[] {1, 2, 3});
            out.writeFixed(new byte[] {9, 9});
            out.writeEnum(3);
        });
        assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE);
        assertThat(in.readLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readFloat()).isEqualTo(1.5f);
        assertThat(in.readDouble()).isEqualTo(-2.25);
        assertThat(in.readString(null).toString()).isEqualTo("Größe 🏷");
        assertThat(in.readBytes(null).array()).containsExactly(1, 2, 3);
        byte[] fixed = new byte[2];
        in.readFixed(fixed, 0, 2);
        assertThat(fixed).containsExactly(9, 9);
        assertThat(in.readEnum()).isEqualTo(3);
        assertThat(in.remaining()).isZero();
    }

    @Test
    void skipsSizedCollectionBlocksWhole() throws IOException {
        BoundedBinaryDecoder in = decoderOf(out -> {
            out.writeLong(-2); // two items in a block of 4 bytes
            out.writeLong(4);
            out.writeString("a");
            out.writeString("b");
            out.writeLong(0);
            out.writeLong(7);
        });
        assertThat(in.skipArray()).isZero();
        assertThat(in.readLong()).isEqualTo(7);
    }

    @Test
    void refusesInvalidEncodings() throws IOException {
        assertThatThrownBy(
                        () -> decoderOf(out -> out.writeFixed(new byte[] {2})).readBoolean())
                .isInstanceOf(InvalidEncodingException.class);
        assertThatThrownBy(() -> decoderOf(out -> out.writeLong(1L << 40)).readInt())
                .isInstanceOf(InvalidEncodingException.class);
        byte[] elevenByteVarint = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
        assertThatThrownBy(() -> new BoundedBinaryDecoder(elevenByteVarint, 0).readLong())
                .isInstanceOf(InvalidEncodingException.class);
        assertThatThrownBy(() -> decoderOf(out -> out.writeLong(-3)).readBytes(null))
                .isInstanceOf(InvalidEncodingException.class);
        assertThatThrownBy(() -> decoderOf(out -> out.writeLong(-1)).readArrayStart())
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> decoderOf(out -> {
                            out.writeLong(-1);
                            out.writeLong(-5);
                        })
                        .readMapStart())
                .isInstanceOf(InvalidEncodingException.class);
    }

    @Test
    void refusesLengthsBeyondTheRemainingBytes() throws IOException {
        assertThatThrownBy(() -> decoderOf(out -> out.writeLong(3)).readString())
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("string of 3 bytes but only 0 bytes remain");
        assertThatThrownBy(() -> decoderOf(out -> out.writeLong(1_000_000)).readMapStart())
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new BoundedBinaryDecoder(new byte[0], 0).readFixed(new byte[4], 0, 4))
                .isInstanceOf(EOFException.class);
    }
}
