package io.tagprocessor.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stand-in for the service's Confluent wire-format serde (package io.tagprocessor.wire, not merged
 * when this was written): magic byte 0, 4-byte big-endian schema id, Avro binary; the writer schema is
 * registered under {@code <topic>-value} through the registry's Confluent API. Replace with the real
 * serde once it lands; only SampleClient's encode/decode methods call this.
 */
final class StandInWireFormat {

    private static final byte MAGIC_BYTE = 0;
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String registryUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    StandInWireFormat(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    byte[] serialize(String topic, SpecificRecord record) {
        int schemaId = register(topic + "-value", record.getSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForSchema(record.getSchema()))
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes with the writer schema the id points to, resolved against {@code readerSchema} (a generated class's). */
    <T extends SpecificRecord> T deserialize(byte[] bytes, Schema readerSchema) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < 5 || buffer.get() != MAGIC_BYTE) {
            throw new IllegalArgumentException("not in the Confluent wire format (" + bytes.length + " bytes)");
        }
        Schema writerSchema = schemasById.computeIfAbsent(buffer.getInt(), this::fetch);
        SpecificDatumReader<T> reader =
                new SpecificDatumReader<>(writerSchema, readerSchema, SpecificData.getForSchema(readerSchema));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode as " + readerSchema.getFullName(), e);
        }
    }

    private int register(String subject, Schema schema) {
        String body = json.writeValueAsString(Map.of("schema", schema.toString()));
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", CONTENT_TYPE)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
        return json.readTree(response.body()).get("id").asInt();
    }

    private Schema fetch(int schemaId) {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(registryUrl + "/schemas/ids/" + schemaId))
                        .GET()
                        .build());
        return new Schema.Parser()
                .parse(json.readTree(response.body()).get("schema").asString());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("registry answered " + response.statusCode() + " to " + request.method()
                        + " " + request.uri() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("registry at " + registryUrl + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
