package io.tagprocessor.benchmark.limits;

import io.tagprocessor.benchmark.stack.Migrations;
import io.tagprocessor.benchmark.stack.Registry;
import io.tagprocessor.benchmark.workload.Effect;
import io.tagprocessor.benchmark.workload.GeneratedCommand;
import io.tagprocessor.idempotency.ProcessedEvent;
import io.tagprocessor.idempotency.ProcessedEventsRepository;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.store.EntityBatchRepository;
import io.tagprocessor.store.StatementPipeline;
import io.tagprocessor.store.TagRepository;
import io.tagprocessor.tagging.AssignmentRow;
import io.tagprocessor.tagging.Audit;
import io.tagprocessor.tagging.EntityRow;
import io.tagprocessor.tagging.EntityWrites;
import io.tagprocessor.tagging.TagDefinition;
import io.tagprocessor.tagging.TagName;
import io.tagprocessor.tagging.TagRow;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.Stack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL alone: the rows the backlog leaves in the service's schema (migrated from the
 * project's migrations), written by one connection in one transaction through the service's own
 * repositories (the same statements, {@value #BATCH} rows per statement, as a poll batch writes
 * them): a claim per command, the tags, entities and assignments, and the outbox rows with real
 * payloads (each entity change with its state as companion). Timed from the first statement to the
 * commit; the rows are built before the clock starts. The service's per-batch reads, locks and
 * updates are not here, so this is a ceiling, not a target.
 */
public final class PostgresLimit {

    private static final int BATCH = 500;
    private static final int PARTITIONS = 6;

    private PostgresLimit() {}

    public static LimitResult run(Stack stack, Path migrations, List<GeneratedCommand> backlog) {
        PostgresDatabase database = stack.newDatabase("bench_limit_pg");
        OutboxPayloads payloads = new OutboxPayloads(Registry.client(stack));
        List<OutboxRow> outbox = backlog.stream()
                .filter(GeneratedCommand::causesEvent)
                .flatMap(c -> payloads.rowsOf(c).stream())
                .toList();
        Instant now = Instant.now();
        Map<String, TagDefinition> tags = new LinkedHashMap<>();
        Map<String, GeneratedCommand> lastChangeOfEntity = new LinkedHashMap<>();
        for (GeneratedCommand command : backlog) {
            if (command.causesEvent()) {
                Audit audit = audit(command, now);
                command.effect()
                        .createdTags()
                        .forEach(t -> tags.putIfAbsent(t, TagDefinition.created(t, t, null, null, audit)));
                if (command.effect().onEntity()) {
                    lastChangeOfEntity.put(command.key(), command);
                }
            }
        }
        List<ProcessedEvent> claims = claims(backlog, now);
        Migrations.apply(database, migrations);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            long start = System.nanoTime();
            Map<String, TagRow> tagRows =
                    new TagRepository(JdbcClient.create(jdbc), jdbc).insertAllIfAbsent(List.copyOf(tags.values()));
            long entityRows = writeEntities(new EntityBatchRepository(jdbc), lastChangeOfEntity.values(), tagRows, now);
            ProcessedEventsRepository processed = new ProcessedEventsRepository(jdbc);
            chunks(claims).forEach(chunk -> processed.claimAll(chunk, new StatementPipeline()));
            OutboxRepository outboxRepository =
                    new OutboxRepository(jdbc, JsonMapper.builder().build());
            chunks(outbox).forEach(outboxRepository::append);
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = outbox.stream()
                    .mapToLong(r -> length(r.payload())
                            + (r.companion() == null ? 0 : length(r.companion().payload())))
                    .sum();
            return new LimitResult(
                    "postgres",
                    backlog.size(),
                    tagRows.size() + entityRows + claims.size() + outbox.size(),
                    bytes,
                    seconds);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL limit failed", e);
        }
    }

    /** The final version of every entity and its final assignments. */
    private static long writeEntities(
            EntityBatchRepository entities,
            Collection<GeneratedCommand> lastChanges,
            Map<String, TagRow> tags,
            Instant now) {
        long rows = 0;
        for (List<GeneratedCommand> chunk : chunks(List.copyOf(lastChanges))) {
            Map<EntityRow, Long> versions = new LinkedHashMap<>();
            List<AssignmentRow> assignments = new ArrayList<>();
            for (GeneratedCommand command : chunk) {
                Effect effect = command.effect();
                EntityRow entity = new EntityRow(effect.entityType(), effect.entityId());
                versions.put(entity, effect.version());
                effect.tags()
                        .forEach(tag -> assignments.add(new AssignmentRow(
                                entity,
                                tags.get(TagName.parse(tag).normalized()).id(),
                                audit(command, now))));
            }
            entities.write(new EntityWrites(versions, Map.of(), List.of(), assignments, now));
            rows += versions.size() + assignments.size();
        }
        return rows;
    }

    private static List<ProcessedEvent> claims(List<GeneratedCommand> backlog, Instant now) {
        List<ProcessedEvent> claims = new ArrayList<>(backlog.size());
        for (int i = 0; i < backlog.size(); i++) {
            GeneratedCommand command = backlog.get(i);
            claims.add(new ProcessedEvent(
                    command.commandId(),
                    "tag-commands",
                    i % PARTITIONS,
                    i / PARTITIONS,
                    command.causesEvent() ? "APPLIED" : "NO_EFFECT",
                    null,
                    "benchmark",
                    now));
        }
        return claims;
    }

    private static Audit audit(GeneratedCommand command, Instant now) {
        return new Audit("benchmark", now, "benchmark", command.command().getCommandId());
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += BATCH) {
            chunks.add(items.subList(i, Math.min(items.size(), i + BATCH)));
        }
        return chunks;
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
