package io.tagprocessor.chaos.redrive;

import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.testinfra.ByteProducers;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.TopicReader;
import io.tagprocessor.wire.CachingSchemaRegistry;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.ConfluentRegistryClient;
import io.tagprocessor.wire.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-drives one record of {@code tag-commands.DLT} after its cause was fixed: publishes its original
 * key and value to {@code tag-commands} again. A record that decoded to a command but failed while
 * being applied is claimed in {@code processed_events} under its command id with outcome
 * DEAD_LETTERED, so the copy would be a mere duplicate: that claim (and only a DEAD_LETTERED one,
 * which had no effect) is released first. An undecodable record is claimed under its old position;
 * the copy gets a new position and is read afresh. A command whose claim is anything else
 * (applied, rejected) is refused: re-driving it cannot change anything.
 */
public final class Redrive {

    private static final ServiceTopics TOPICS = ServiceTopics.defaults();

    public static final String REDRIVEN_FROM = "redriven_from";

    private static final String SELECT_CLAIM = "SELECT outcome FROM processed_events WHERE command_id = ?";
    private static final String RELEASE_DEAD_LETTERED_CLAIM =
            "DELETE FROM processed_events WHERE command_id = ? AND outcome = 'DEAD_LETTERED'";

    /** What was done: where the copy landed and whether a claim was released. */
    public record Result(String deadLetter, String commandId, boolean claimReleased, int partition, long offset) {}

    private Redrive() {}

    public static Result redrive(
            String bootstrapServers, Connection database, SchemaRegistry registry, int dltPartition, long dltOffset)
            throws SQLException {
        ConsumerRecord<byte[], byte[]> letter = read(bootstrapServers, dltPartition, dltOffset);
        String deadLetter = TOPICS.deadLetter() + "/" + dltPartition + "/" + dltOffset;
        String commandId = commandIdOf(registry, letter.value());
        boolean released = false;
        if (commandId != null) {
            String outcome = outcome(database, commandId);
            if (outcome != null && !"DEAD_LETTERED".equals(outcome)) {
                throw new IllegalStateException("command " + commandId + " of " + deadLetter + " is already " + outcome
                        + "; re-driving it would change nothing");
            }
            try (PreparedStatement ps = database.prepareStatement(RELEASE_DEAD_LETTERED_CLAIM)) {
                ps.setString(1, commandId);
                released = ps.executeUpdate() == 1;
            }
        }
        RecordMetadata sent = publish(bootstrapServers, letter, deadLetter);
        return new Result(deadLetter, commandId, released, sent.partition(), sent.offset());
    }

    private static String commandIdOf(SchemaRegistry registry, byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            TagCommand command =
                    new ConfluentAvroDeserializer<>(registry, TagCommand.class).deserialize(TOPICS.commands(), value);
            return command.getCommandId() == null
                    ? null
                    : command.getCommandId().toString();
        } catch (RuntimeException undecodable) {
            return null;
        }
    }

    private static String outcome(Connection database, String commandId) throws SQLException {
        try (PreparedStatement ps = database.prepareStatement(SELECT_CLAIM)) {
            ps.setString(1, commandId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static ConsumerRecord<byte[], byte[]> read(String bootstrapServers, int partition, long offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = TopicReader.open(bootstrapServers, TOPICS.deadLetter(), true)) {
            TopicPartition topicPartition = new TopicPartition(TOPICS.deadLetter(), partition);
            consumer.seek(topicPartition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.partition() == partition && record.offset() == offset) {
                        return record;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no record at " + TOPICS.deadLetter() + "/" + partition + "/" + offset);
    }

    private static RecordMetadata publish(String bootstrapServers, ConsumerRecord<byte[], byte[]> letter, String from) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REDRIVEN_FROM, from.getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = ByteProducers.create(
                bootstrapServers, Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024))) {
            return producer.send(new ProducerRecord<>(TOPICS.commands(), null, letter.key(), letter.value(), headers))
                    .get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish the re-driven record", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * {@code redrive.sh --dlt-partition P --dlt-offset O}; the environment gives KAFKA_BOOTSTRAP_SERVERS,
     * DATABASE_URL (jdbc:postgresql://…), DATABASE_USERNAME, DATABASE_PASSWORD and SCHEMA_REGISTRY_URL,
     * as for the service itself.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--dlt-partition") || !options.containsKey("--dlt-offset")) {
            System.err.println("usage: redrive.sh --dlt-partition P --dlt-offset O");
            System.exit(64);
        }
        SchemaRegistry registry = new CachingSchemaRegistry(
                new ConfluentRegistryClient(env("SCHEMA_REGISTRY_URL"), null, null, Duration.ofSeconds(10)));
        try (Connection database = DriverManager.getConnection(
                env("DATABASE_URL"), System.getenv("DATABASE_USERNAME"), System.getenv("DATABASE_PASSWORD"))) {
            Result result = redrive(
                    env("KAFKA_BOOTSTRAP_SERVERS"),
                    database,
                    registry,
                    Integer.parseInt(options.get("--dlt-partition")),
                    Long.parseLong(options.get("--dlt-offset")));
            System.out.println("redrive: dead_letter=" + result.deadLetter() + " command_id=" + result.commandId()
                    + " claim_released=" + result.claimReleased() + " republished_at=" + TOPICS.commands() + "/"
                    + result.partition() + "/" + result.offset());
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
