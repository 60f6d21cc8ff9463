package io.tagprocessor.wire;

import static io.tagprocessor.wire.Frames.framed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.wire.WireFormatException.BadMagicByte;
import io.tagprocessor.wire.WireFormatException.MalformedRecord;
import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.TruncatedRecord;
import io.tagprocessor.wire.WireFormatException.UnknownSchemaId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.apache.avro.io.BinaryEncoder;
import org.junit.jupiter.api.Test;

/** Each way a record's bytes can be wrong maps to one typed, non-transient failure; never an OOM. */
class DecodeFailureTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final int id = registry.add(TagCommand.getClassSchema());
    private final ConfluentAvroDeserializer<TagCommand> deserializer =
            new ConfluentAvroDeserializer<>(registry, TagCommand.class);

    /** Fields before the payload of a TagCommand, as its schema lays them out. */
    private static void envelope(BinaryEncoder out, String commandId, String issuedBy) throws IOException {
        out.writeString(commandId);
        out.writeLong(SampleRecords.AT.toEpochMilli());
        out.writeString(issuedBy);
        out.writeString("svc");
        out.writeIndex(0); // correlationId: null
    }

    private byte[] validAssign() {
        return framed(id, out -> {
            envelope(out, UUID.randomUUID().toString(), "alice");
            out.writeIndex(0); // TagAssigned
            out.writeString("product");
            out.writeString("p-1");
            out.writeString("sale");
        });
    }

    @Test
    void handWrittenBodyDecodes() {
        assertThat(deserializer.decode(validAssign()).getPayload())
                .isEqualTo(new TagAssigned("product", "p-1", "sale"));
    }

    @Test
    void wrongMagicByteIsBadMagicByte() {
        byte[] bytes = validAssign();
        bytes[0] = 1;
        assertPoison(bytes, BadMagicByte.class, "found 1");
        assertPoison("{\"json\":true}".getBytes(StandardCharsets.UTF_8), BadMagicByte.class, "found 123");
    }

    @Test
    void fewerThanFiveBytesIsTruncated() {
        assertPoison(new byte[0], TruncatedRecord.class, "0 bytes");
        assertPoison(new byte[] {0, 0, 0, 1}, TruncatedRecord.class, "4 bytes");
    }

    @Test
    void bodyEndingEarlyIsTruncated() {
        byte[] bytes = validAssign();
        assertPoison(Arrays.copyOf(bytes, bytes.length - 1), TruncatedRecord.class, "ends early");
        assertPoison(Arrays.copyOf(bytes, WireFormat.HEADER_SIZE), TruncatedRecord.class, "ends early");
        byte[] noPayload = framed(id, out -> envelope(out, UUID.randomUUID().toString(), "alice"));
        assertPoison(noPayload, TruncatedRecord.class, "ends early");
    }

    @Test
    void bytesAfterTheBodyAreMalformed() {
        byte[] bytes = validAssign();
        assertPoison(Arrays.copyOf(bytes, bytes.length + 2), MalformedRecord.class, "2 bytes left");
    }

    @Test
    void unknownSchemaIdIsTypedWithTheId() {
        byte[] bytes = validAssign();
        bytes[4] = 99;
        assertThatThrownBy(() -> deserializer.decode(bytes))
                .isInstanceOfSatisfying(
                        UnknownSchemaId.class, e -> assertThat(e.schemaId()).isEqualTo(99))
                .matches(e -> !((WireFormatException) e).isTransient());
    }

    @Test
    void unreachableRegistryIsTransientAndNotRemembered() {
        registry.down = true;
        assertThatThrownBy(() -> deserializer.decode(validAssign()))
                .isInstanceOf(RegistryUnavailable.class)
                .matches(e -> ((WireFormatException) e).isTransient());

        registry.down = false;
        assertThat(deserializer.decode(validAssign())).isNotNull();
    }

    @Test
    void negativeStringLengthIsMalformed() {
        assertPoison(framed(id, out -> out.writeLong(-5)), MalformedRecord.class, "negative string length");
    }

    @Test
    void hugeLengthsAndCountsFailWithoutAllocating() {
        assertPoison(framed(id, out -> out.writeLong(Integer.MAX_VALUE - 8)), TruncatedRecord.class, "string of");
        assertPoison(framed(id, out -> out.writeLong(Long.MAX_VALUE)), TruncatedRecord.class, "string of");
        assertPoison(replaceTags(out -> out.writeLong(2_000_000_000L)), TruncatedRecord.class, "2000000000 items");
        assertPoison(replaceTags(out -> out.writeLong(-2_000_000_000L)), TruncatedRecord.class, "bytes remain");
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] bytes = framed(id, out -> {
            out.writeString(UUID.randomUUID().toString());
            out.writeLong(0);
            Frames.rawString(out, new byte[] {(byte) 0xC3, 0x28});
        });
        assertPoison(bytes, MalformedRecord.class, "not valid UTF-8");
    }

    @Test
    void commandIdThatIsNoUuidIsMalformed() {
        byte[] bytes = framed(id, out -> {
            envelope(out, "not-a-uuid", "alice");
            out.writeIndex(5); // TagDeleted
            out.writeString("sale");
        });
        assertPoison(bytes, MalformedRecord.class, "UUID");
    }

    @Test
    void unionIndexOutOfRangeIsMalformed() {
        byte[] bytes = framed(id, out -> {
            envelope(out, UUID.randomUUID().toString(), "alice");
            out.writeIndex(42);
        });
        assertPoison(bytes, MalformedRecord.class, "42");
    }

    private byte[] replaceTags(Frames.Body tagsBlock) {
        return framed(id, out -> {
            envelope(out, UUID.randomUUID().toString(), "alice");
            out.writeIndex(2); // EntityTagsReplaced
            out.writeString("product");
            out.writeString("p-1");
            tagsBlock.write(out);
        });
    }

    private void assertPoison(byte[] bytes, Class<? extends WireFormatException> type, String message) {
        assertThatThrownBy(() -> deserializer.decode(bytes))
                .isInstanceOf(type)
                .hasMessageContaining(message)
                .matches(e -> !((WireFormatException) e).isTransient(), "is not transient");
    }
}
