package io.tagprocessor.benchmark.limits;

import io.tagprocessor.benchmark.stack.Registry;
import io.tagprocessor.benchmark.workload.Effect;
import io.tagprocessor.benchmark.workload.GeneratedCommand;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * PostgreSQL alone: the rows the backlog leaves in the service's schema (migrated from the
 * project's migrations), written by one connection in one transaction with JDBC batches
 * ({@code reWriteBatchedInserts}): a claim per command, the final tags, entities and assignments,
 * and the outbox rows with real payloads. Timed from the first insert to the commit; the rows are
 * built before the clock starts. Per-command reads, locks and updates of the service are not
 * here, so this is a ceiling, not a target.
 */
public final class PostgresLimit {

    private static final int BATCH = 1000;
    private static final int PARTITIONS = 6;

    private static final String INSERT_TAG = """
            INSERT INTO tags (id, normalized_name, display_name, created_at, created_by, updated_at, updated_by)
            OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, 'benchmark', ?, 'benchmark')
            """;
    private static final String INSERT_ENTITY = """
            INSERT INTO entities (entity_type, entity_id, version, updated_at) VALUES (?, ?, ?, ?)
            """;
    private static final String INSERT_ASSIGNMENT = """
            INSERT INTO entity_tags (entity_type, entity_id, tag_id, assigned_by, assigned_at, source, command_id)
            VALUES (?, ?, ?, 'benchmark', ?, 'benchmark', ?)
            """;
    private static final String INSERT_PROCESSED_EVENT = """
            INSERT INTO processed_events (command_id, topic, partition, "offset", outcome, issued_by, processed_at)
            VALUES (?, 'tag-commands', ?, ?, ?, 'benchmark', ?)
            """;
    private static final String INSERT_OUTBOX_ROW = """
            INSERT INTO outbox (topic, record_key, event_id, event_type, payload, headers, created_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, clock_timestamp())
            """;

    private PostgresLimit() {}

    public static LimitResult run(Stack stack, Path migrations, List<GeneratedCommand> backlog) {
        PostgresDatabase database = stack.newDatabase("bench_limit_pg");
        OutboxPayloads payloads = new OutboxPayloads(Registry.client(stack));
        List<OutboxPayloads.Row> outbox = backlog.stream()
                .filter(GeneratedCommand::causesEvent)
                .flatMap(c -> payloads.rowsOf(c).stream())
                .toList();
        Map<String, GeneratedCommand> lastChangeOfEntity = new LinkedHashMap<>();
        Map<String, Integer> tagIds = new LinkedHashMap<>();
        for (GeneratedCommand command : backlog) {
            if (command.causesEvent()) {
                command.effect().createdTags().forEach(t -> tagIds.putIfAbsent(t, tagIds.size() + 1));
                if (command.effect().onEntity()) {
                    lastChangeOfEntity.put(command.key(), command);
                }
            }
        }
        try (Connection connection = database.connect(Map.of("reWriteBatchedInserts", "true"))) {
            migrate(connection, migrations);
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = insertTags(connection, tagIds)
                    + insertEntities(connection, lastChangeOfEntity.values(), tagIds)
                    + insertClaims(connection, backlog)
                    + insertOutbox(connection, outbox);
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = outbox.stream()
                    .mapToLong(r -> r.payload() == null ? 0 : r.payload().length)
                    .sum();
            return new LimitResult("postgres", backlog.size(), rows, bytes, seconds);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("PostgreSQL limit failed", e);
        }
    }

    private static long insertTags(Connection connection, Map<String, Integer> tagIds) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = connection.prepareStatement(INSERT_TAG)) {
            for (var tag : tagIds.entrySet()) {
                ps.setLong(1, tag.getValue());
                ps.setString(2, tag.getKey());
                ps.setString(3, tag.getKey());
                ps.setTimestamp(4, now);
                ps.setTimestamp(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return tagIds.size();
    }

    private static long insertEntities(
            Connection connection, Iterable<GeneratedCommand> lastChanges, Map<String, Integer> tagIds)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        long rows = 0;
        int unsent = 0;
        try (PreparedStatement entities = connection.prepareStatement(INSERT_ENTITY);
                PreparedStatement assignments = connection.prepareStatement(INSERT_ASSIGNMENT)) {
            for (GeneratedCommand command : lastChanges) {
                Effect effect = command.effect();
                entities.setString(1, effect.entityType());
                entities.setString(2, effect.entityId());
                entities.setLong(3, effect.version());
                entities.setTimestamp(4, now);
                entities.addBatch();
                rows++;
                unsent++;
                for (String tag : effect.tags()) {
                    assignments.setString(1, effect.entityType());
                    assignments.setString(2, effect.entityId());
                    assignments.setLong(3, tagIds.get(tag));
                    assignments.setTimestamp(4, now);
                    assignments.setObject(5, command.command().getCommandId());
                    assignments.addBatch();
                    rows++;
                    unsent++;
                }
                if (unsent >= BATCH) {
                    entities.executeBatch();
                    assignments.executeBatch();
                    unsent = 0;
                }
            }
            entities.executeBatch();
            assignments.executeBatch();
        }
        return rows;
    }

    private static long insertClaims(Connection connection, List<GeneratedCommand> backlog) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = connection.prepareStatement(INSERT_PROCESSED_EVENT)) {
            for (int i = 0; i < backlog.size(); i++) {
                GeneratedCommand command = backlog.get(i);
                ps.setString(1, command.commandId());
                ps.setInt(2, i % PARTITIONS);
                ps.setLong(3, i / PARTITIONS);
                ps.setString(4, command.causesEvent() ? "APPLIED" : "NO_EFFECT");
                ps.setTimestamp(5, now);
                ps.addBatch();
                if ((i + 1) % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return backlog.size();
    }

    private static long insertOutbox(Connection connection, List<OutboxPayloads.Row> outbox) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT_OUTBOX_ROW)) {
            for (int i = 0; i < outbox.size(); i++) {
                OutboxPayloads.Row row = outbox.get(i);
                ps.setString(1, row.topic());
                ps.setBytes(2, row.key());
                ps.setObject(3, row.eventId());
                ps.setString(4, row.eventType());
                ps.setBytes(5, row.payload());
                ps.setString(6, headers(row));
                ps.addBatch();
                if ((i + 1) % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return outbox.size();
    }

    /** The headers the service stores: ids and a type name, no characters that need escaping. */
    private static String headers(OutboxPayloads.Row row) {
        return "{\"event_id\":\"" + row.eventId() + "\",\"event_type\":\"" + row.eventType() + "\",\"causation_id\":\""
                + row.causation() + "\"}";
    }

    private static void migrate(Connection connection, Path migrations) throws IOException, SQLException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(migrations)) {
            scripts = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(PostgresLimit::version))
                    .toList();
        }
        try (Statement statement = connection.createStatement()) {
            for (Path script : scripts) {
                statement.execute(Files.readString(script));
            }
        }
    }

    private static int version(Path script) {
        String name = script.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
