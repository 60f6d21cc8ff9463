package io.tagprocessor.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro specific records as record values in the Confluent wire format, with the schema under
 * subject {@code <topic>-value} (TopicNameStrategy). Safe for concurrent use; asks the registry once per
 * topic and schema (given a {@link CachingSchemaRegistry}), never per record. {@link #serialize} also
 * works outside Kafka, e.g. to store pre-serialized bytes in an outbox.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistry registry;
    private final boolean autoRegister;
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    /**
     * @param registry where schema ids come from; pass a caching one
     * @param autoRegister true to register the record's schema under the subject on first use, false to
     *     only look it up (the subject must already hold it)
     */
    public ConfluentAvroSerializer(SchemaRegistry registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
    }

    /** Registers schemas on first use. */
    public ConfluentAvroSerializer(SchemaRegistry registry) {
        this(registry, true);
    }

    /**
     * Returns the framed bytes for the record, or null for a null record (a tombstone).
     *
     * @throws WireFormatException when the registry refuses the schema or cannot be reached (the latter
     *     {@link WireFormatException#isTransient() transient})
     * @throws SerializationException when the record does not fit its own schema (e.g. a required field
     *     is null)
     */
    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        String subject = WireFormat.valueSubject(topic);
        int schemaId = autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        byte[] header = new byte[WireFormat.HEADER_SIZE];
        WireFormat.writeHeader(header, schemaId);
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(record).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "cannot encode " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private DatumWriter<T> writerFor(T record) {
        return writers.computeIfAbsent(record.getSchema(), schema -> {
            SpecificData model = SpecificData.getForClass(record.getClass());
            return new SpecificDatumWriter<>(schema, model);
        });
    }
}
