package io.tagprocessor.chaos.workload;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.wire.CachingSchemaRegistry;
import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.ConfluentRegistryClient;
import io.tagprocessor.wire.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Turns planned records into value bytes: commands through the project's own Confluent serializer
 * (schema registered under {@code tag-commands-value}), garbage as the kind asks, derived from a
 * real frame where the kind is a broken one.
 */
public final class Encoder {

    private final SchemaRegistry registry;
    private final ConfluentAvroSerializer<TagCommand> serializer;

    public Encoder(String registryUrl) {
        this.registry =
                new CachingSchemaRegistry(new ConfluentRegistryClient(registryUrl, null, null, Duration.ofSeconds(10)));
        this.serializer = new ConfluentAvroSerializer<>(registry);
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public byte[] command(TagCommand command) {
        return serializer.serialize(ServiceTopics.defaults().commands(), command);
    }

    public byte[] value(Planned planned) {
        return planned.isGarbage() ? garbage(planned.garbage(), new Random(planned.seq())) : command(planned.command());
    }

    public byte[] garbage(Garbage kind, Random random) {
        byte[] frame = command(TagCommand.newBuilder()
                .setCommandId(new java.util.UUID(random.nextLong(), random.nextLong()))
                .setIssuedAt(java.time.Instant.ofEpochMilli(1_700_000_000_000L))
                .setIssuedBy("garbage")
                .setSource("chaos")
                .setPayload(new TagAssigned("doc", "garbage", "Topic-001"))
                .build());
        switch (kind) {
            case RANDOM_BYTES:
                byte[] bytes = new byte[1 + random.nextInt(200)];
                random.nextBytes(bytes);
                bytes[0] = (byte) (1 + random.nextInt(255));
                return bytes;
            case WRONG_MAGIC_BYTE:
                frame[0] = 1;
                return frame;
            case UNKNOWN_SCHEMA_ID:
                ByteBuffer.wrap(frame).putInt(1, 987_654_321);
                return frame;
            case TRUNCATED_AVRO:
                return Arrays.copyOf(frame, frame.length / 2);
            case TRAILING_BYTES:
                return Arrays.copyOf(frame, frame.length + 3);
            case EMPTY_VALUE:
                return new byte[0];
            case NULL_VALUE:
                return null;
            default:
                return commandIdNotAUuid();
        }
    }

    /** A well-framed TagCommand whose commandId is the string "not-a-uuid" (the field is a uuid logical type). */
    public byte[] commandIdNotAUuid() {
        Schema schema = TagCommand.getClassSchema();
        int schemaId = registry.register(ServiceTopics.defaults().commands() + "-value", schema);
        Schema assignSchema = TagAssigned.getClassSchema();
        GenericRecord payload = new GenericData.Record(assignSchema);
        payload.put("entityType", "doc");
        payload.put("entityId", "garbage");
        payload.put("tag", "Topic-001");
        GenericRecord command = new GenericData.Record(schema);
        command.put("commandId", "not-a-uuid");
        command.put("issuedAt", 1_700_000_000_000L);
        command.put("issuedBy", "garbage");
        command.put("source", "chaos");
        command.put("correlationId", null);
        command.put("payload", payload);
        return frame(schemaId, schema, command);
    }

    /** Any generic record framed with the given schema id (for writer schemas the service does not know). */
    public static byte[] frame(int schemaId, Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
