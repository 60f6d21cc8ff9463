package io.tagprocessor.recovery;

import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.pipeline.Commands;
import io.tagprocessor.pipeline.PipelineTestSupport;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the recovery ITs share: a producer of commands, generated workloads, and reading a database's state. */
final class RecoveryFixture implements AutoCloseable {

    static final TestInfrastructure INFRA = TestInfrastructure.get();

    private static final String SELECT_ENTITY_STATE = """
            SELECT e.entity_type || ':' || e.entity_id AS entity,
                   e.version || ' ' || coalesce(string_agg(t.normalized_name, ',' ORDER BY t.normalized_name), '') AS state
            FROM entities e
            LEFT JOIN entity_tags et ON et.entity_type = e.entity_type AND et.entity_id = e.entity_id
            LEFT JOIN tags t ON t.id = et.tag_id
            GROUP BY e.entity_type, e.entity_id, e.version
            """;

    private static final String SELECT_CLAIMS = "SELECT command_id, outcome FROM processed_events";

    private static final String SELECT_OFFSETS = """
            SELECT topic || '/' || partition AS position, next_offset FROM command_offsets WHERE group_id = :group
            """;

    private final KafkaProducer<byte[], byte[]> producer = PipelineTestSupport.commandProducer();

    /** Publishes commands as a producer service does: Confluent wire format, keyed; waits for the acks. */
    void send(RecordEncoder encoder, String topic, List<Commands.Keyed> commands) {
        for (Commands.Keyed command : commands) {
            producer.send(new ProducerRecord<>(
                    topic, command.key().getBytes(StandardCharsets.UTF_8), encoder.encode(topic, command.command())));
        }
        producer.flush();
    }

    /** Publishes commands into one partition, whatever their keys. */
    void sendTo(RecordEncoder encoder, String topic, int partition, List<Commands.Keyed> commands) {
        for (Commands.Keyed command : commands) {
            producer.send(new ProducerRecord<>(
                    topic,
                    partition,
                    command.key().getBytes(StandardCharsets.UTF_8),
                    encoder.encode(topic, command.command())));
        }
        producer.flush();
    }

    /** Assigns, unassigns, replaces and an entity delete over a few entities and tags. */
    static List<Commands.Keyed> entityCommands(Random random, String prefix, int count) {
        List<String> tags = List.of(prefix + "-red", prefix + "-green", prefix + "-blue", prefix + "-amber");
        java.util.ArrayList<Commands.Keyed> commands = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String entity = prefix + "-e" + random.nextInt(12);
            String tag = tags.get(random.nextInt(tags.size()));
            commands.add(
                    switch (random.nextInt(10)) {
                        case 0, 1, 2, 3 -> Commands.assign("article", entity, tag);
                        case 4, 5 -> Commands.unassign("article", entity, tag);
                        case 6, 7, 8 ->
                            Commands.replace(
                                    "article",
                                    entity,
                                    tags.stream()
                                            .filter(t -> random.nextBoolean())
                                            .toList());
                        default -> Commands.deleteEntity("article", entity);
                    });
        }
        return commands;
    }

    /** Every entity's version and normalized tag set, by entity key. */
    static Map<String, String> entityState(JdbcClient jdbc) {
        Map<String, String> state = new TreeMap<>();
        jdbc.sql(SELECT_ENTITY_STATE).query(row -> {
            state.put(row.getString("entity"), row.getString("state"));
        });
        return state;
    }

    /** Every claimed command id and its outcome. */
    static Map<String, String> claims(JdbcClient jdbc) {
        Map<String, String> claims = new TreeMap<>();
        jdbc.sql(SELECT_CLAIMS).query(row -> {
            claims.put(row.getString("command_id"), row.getString("outcome"));
        });
        return claims;
    }

    /** The next offsets the group recorded, by {@code topic/partition}. */
    static Map<String, Long> offsets(JdbcClient jdbc, String group) {
        Map<String, Long> offsets = new TreeMap<>();
        jdbc.sql(SELECT_OFFSETS).param("group", group).query(row -> {
            offsets.put(row.getString("position"), row.getLong("next_offset"));
        });
        return offsets;
    }

    /** How many rows wait in the outbox. */
    static long outboxRows(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Long.class).single();
    }

    /**
     * Makes {@code target} (a database of the fixture, so it is dropped with it) an exact copy of
     * {@code source}, as a file-system snapshot would. Nobody may be connected to either.
     */
    static void copy(PostgresDatabase source, PostgresDatabase target) {
        String admin = source.jdbcUrl().replaceFirst("/" + source.name() + "(?=[?]|$)", "/postgres");
        Properties credentials = new Properties();
        credentials.setProperty("user", source.username());
        credentials.setProperty("password", source.password());
        try (Connection connection = DriverManager.getConnection(admin, credentials);
                Statement statement = connection.createStatement()) {
            // Identifiers cannot be bound; both names come from the fixture, never from input.
            statement.execute("DROP DATABASE \"" + target.name() + "\"");
            statement.execute("CREATE DATABASE \"" + target.name() + "\" TEMPLATE \"" + source.name() + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy " + source.name() + " to " + target.name(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
