package io.tagprocessor.wire;

import io.tagprocessor.wire.WireFormatException.IncompatibleSchema;
import io.tagprocessor.wire.WireFormatException.MalformedRecord;
import io.tagprocessor.wire.WireFormatException.TruncatedRecord;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire format record values into one Avro specific class, resolving each record's writer
 * schema (fetched by id) against the class's schema, so data from older producers decodes into the
 * current classes with logical types (UUID, Instant) converted. A writer schema the reader cannot read
 * in full is refused for all of its records. Safe for concurrent use; the resolved reader is built once
 * per schema id. Every failure is a {@link WireFormatException}; no input, however
 * hostile, makes it allocate more than a small multiple of the record's size.
 */
public final class ConfluentAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistry registry;
    private final Schema readerSchema;
    private final SpecificData model;
    private final Map<Integer, WriterResolution<T>> resolutions = new ConcurrentHashMap<>();

    /**
     * @param registry where writer schemas come from; pass a caching one
     * @param type the generated class to read into, e.g. {@code TagCommand.class}
     */
    public ConfluentAvroDeserializer(SchemaRegistry registry, Class<T> type) {
        this.registry = registry;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    /** Returns the record, or null for null data (a tombstone). The topic is not used. */
    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : decode(data);
    }

    /** Decodes one framed record; see {@link WireFormatException} for the ways this fails. */
    public T decode(byte[] data) {
        int schemaId = WireFormat.readSchemaId(data);
        WriterResolution<T> resolution = resolutionFor(schemaId);
        if (resolution.reader() == null) {
            throw new IncompatibleSchema(schemaId, resolution.incompatibility(), null);
        }
        BoundedBinaryDecoder in = new BoundedBinaryDecoder(data, WireFormat.HEADER_SIZE);
        T value;
        try {
            value = resolution.reader().read(null, in);
        } catch (EOFException e) {
            throw new TruncatedRecord("schema id " + schemaId + ": Avro body ends early: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRecord("schema id " + schemaId + ": invalid Avro body: " + e, e);
        }
        if (in.remaining() > 0) {
            throw new MalformedRecord(
                    "schema id " + schemaId + ": " + in.remaining() + " bytes left after the Avro body", null);
        }
        return value;
    }

    private WriterResolution<T> resolutionFor(int schemaId) {
        WriterResolution<T> known = resolutions.get(schemaId);
        if (known != null) {
            return known;
        }
        Schema writerSchema = registry.schemaById(schemaId);
        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        WriterResolution<T> built = compatibility.getType() == SchemaCompatibilityType.COMPATIBLE
                ? new WriterResolution<>(new SpecificDatumReader<>(writerSchema, readerSchema, model), null)
                : new WriterResolution<>(null, describe(compatibility));
        WriterResolution<T> raced = resolutions.putIfAbsent(schemaId, built);
        return raced != null ? raced : built;
    }

    private String describe(SchemaPairCompatibility compatibility) {
        return "writer schema cannot be read as " + readerSchema.getFullName() + ": "
                + compatibility.getResult().getIncompatibilities().stream()
                        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ", writer type "
                                + i.getWriterFragment().getFullName() + ")")
                        .collect(Collectors.joining("; "));
    }

    /**
     * The reader for one writer schema, or why there is none. A writer that is only partly readable (say
     * it adds a union branch) is refused whole: Avro would pair an unknown record branch with any reader
     * branch its fields happen to fit, silently turning one command into another.
     */
    private record WriterResolution<T>(SpecificDatumReader<T> reader, String incompatibility) {}
}
