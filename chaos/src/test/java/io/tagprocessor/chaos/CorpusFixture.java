package io.tagprocessor.chaos;

import io.tagprocessor.chaos.workload.Encoder;
import io.tagprocessor.testinfra.ByteProducers;
import io.tagprocessor.testinfra.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A stack with one service instance for the tests that feed single records. With {@code largeRecords}
 * the command topic (and its dead-letter topic) accept records of up to 16 MiB, so oversized input
 * reaches the service; without, every topic has the broker's defaults.
 */
final class CorpusFixture implements AutoCloseable {

    static final int LARGE_RECORDS = 16 * 1024 * 1024;

    final ChaosStack stack;
    final ServiceProcess service;
    final Encoder encoder;
    private final KafkaProducer<byte[], byte[]> producer;

    CorpusFixture(String name) {
        this(name, true, Map.of());
    }

    CorpusFixture(String name, boolean largeRecords, Map<String, String> serviceEnvironment) {
        Path directory = Path.of(System.getProperty("chaos.dir", "target/chaos"))
                .resolve(name + "-" + Instant.now().toString().replace(':', '-'))
                .toAbsolutePath();
        Path jar = Path.of(System.getProperty("chaos.service.jar")).toAbsolutePath();
        stack = ChaosStack.start(
                directory, largeRecords ? Map.of("max.message.bytes", Integer.toString(LARGE_RECORDS)) : Map.of());
        service = stack.service(name, jar, 2, serviceEnvironment);
        service.start();
        service.awaitReady(Duration.ofMinutes(3));
        encoder = new Encoder(stack.stack.registryUrl());
        producer = ByteProducers.create(
                stack.bootstrapServers(), Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LARGE_RECORDS));
    }

    RecordMetadata send(String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(
                            ChaosStack.TOPICS.commands(),
                            key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                            value))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot send", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** outcome and reason of one processed_events row, if there is one. */
    Optional<String[]> claim(String claimKey) {
        try (Connection connection = stack.database.connect();
                PreparedStatement ps = connection.prepareStatement(
                        "SELECT outcome, reason, partition, \"offset\" FROM processed_events WHERE command_id = ?")) {
            ps.setString(1, claimKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                new String[] {rs.getString(1), rs.getString(2), rs.getInt(3) + "/" + rs.getLong(4)})
                        : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = stack.database.connect()) {
            connection.createStatement().execute(sql);
        }
    }

    /** A TagCommand envelope written with Avro's generic API, for what the generated classes cannot hold. */
    static GenericRecord genericCommand(Schema schema, String commandId, GenericRecord payload) {
        GenericRecord command = new GenericData.Record(schema);
        command.put("commandId", commandId);
        command.put("issuedAt", 1_700_000_000_000L);
        command.put("issuedBy", "corpus");
        command.put("source", "chaos");
        command.put("correlationId", null);
        command.put("payload", payload);
        return command;
    }

    @Override
    public void close() {
        producer.close();
        service.stop();
        stack.close();
    }
}
