package io.tagprocessor.store;

import io.tagprocessor.tagging.AssignmentRow;
import io.tagprocessor.tagging.EntityRow;
import io.tagprocessor.tagging.EntityStore;
import io.tagprocessor.tagging.EntityWrites;
import io.tagprocessor.tagging.LockedEntities;
import io.tagprocessor.tagging.TagRow;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The set-based twin of {@link EntityRepository}: reads, locks and writes the entities of a whole
 * poll batch with one statement each, sent together where nothing in Java must come between them,
 * looking rows up by primary key. Entity rows are locked in the order the caller gives, so two
 * batches that share entities wait for each other instead of deadlocking.
 */
@Repository
public class EntityBatchRepository implements EntityStore {

    /** One primary-key lookup per key, locking in the order the keys are given. */
    private static final String SELECT_VERSIONS_FOR_UPDATE = """
            SELECT e.entity_type, e.entity_id, e.version
            FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS k (entity_type, entity_id, position)
            CROSS JOIN LATERAL (
                SELECT entity_type, entity_id, version FROM entities
                WHERE entity_type = k.entity_type AND entity_id = k.entity_id
                FOR UPDATE) AS e
            ORDER BY k.position
            """;

    /**
     * Versions of entities seen for the first time: inserted only where no row exists. A row a
     * concurrent transaction is inserting makes this wait for it; if that one commits, the row is
     * skipped (not counted) and this batch read a stale "no row".
     */
    private static final String INSERT_NEW_VERSIONS = """
            INSERT INTO entities (entity_type, entity_id, version, updated_at)
            SELECT k.entity_type, k.entity_id, k.version, k.updated_at
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[])
                WITH ORDINALITY AS k (entity_type, entity_id, version, updated_at, position)
            ORDER BY k.position
            ON CONFLICT (entity_type, entity_id) DO NOTHING
            """;

    private static final String SELECT_TAGS_OF_ENTITIES = """
            SELECT k.entity_type, k.entity_id, t.id, t.normalized_name, t.display_name, t.description, t.color,
                   t.event_key
            FROM unnest(?::text[], ?::text[]) AS k (entity_type, entity_id)
            CROSS JOIN LATERAL (
                SELECT tag_id FROM entity_tags
                WHERE entity_type = k.entity_type AND entity_id = k.entity_id) AS et
            JOIN tags t ON t.id = et.tag_id
            """;

    private static final String UPSERT_VERSIONS = """
            INSERT INTO entities (entity_type, entity_id, version, updated_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[])
            ON CONFLICT (entity_type, entity_id)
                DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
            """;

    private static final String DELETE_ASSIGNMENTS = """
            DELETE FROM entity_tags et
            USING unnest(?::text[], ?::text[], ?::bigint[]) AS d (entity_type, entity_id, tag_id)
            WHERE et.entity_type = d.entity_type AND et.entity_id = d.entity_id AND et.tag_id = d.tag_id
            """;

    private static final String INSERT_ASSIGNMENTS = """
            INSERT INTO entity_tags (entity_type, entity_id, tag_id, assigned_by, assigned_at, source, command_id)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::uuid[])
            """;

    private final JdbcTemplate jdbc;

    public EntityBatchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the rows of these entities in the order given (callers sort, so concurrent batches lock
     * alike), then reads their tags: two statements in one round trip, the second started once the
     * first has every lock. An entity without a row cannot be locked: its first version is written
     * with {@link #write}, which detects a concurrent creation.
     */
    @Override
    public LockedEntities lock(Collection<EntityRow> entities) {
        Map<EntityRow, Long> versions = new HashMap<>();
        Map<EntityRow, List<TagRow>> tags = new HashMap<>();
        new StatementPipeline()
                .read(keys(SELECT_VERSIONS_FOR_UPDATE, entities), rs -> {
                    versions.put(new EntityRow(rs.getString(1), rs.getString(2)), rs.getLong(3));
                })
                .read(keys(SELECT_TAGS_OF_ENTITIES, entities), rs -> {
                    tags.computeIfAbsent(new EntityRow(rs.getString(1), rs.getString(2)), e -> new ArrayList<>())
                            .add(new TagRow(
                                    rs.getLong(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8)));
                })
                .run(jdbc);
        return new LockedEntities(versions, tags);
    }

    /**
     * Writes first versions, then new versions, removed and added assignments as one pipeline (one
     * round trip). The first versions go alone, before the rest: when a concurrent batch created one of
     * them first (both read "no row", so both computed version 1), fewer rows are inserted than asked
     * and this batch is stale. It fails there with a {@link ConcurrencyFailureException}, a transient
     * failure, and its retry finds and locks the row; sent with the rest, its stale assignments would
     * have met the other batch's first and failed as a duplicate key, which is no transient failure.
     */
    @Override
    public void write(EntityWrites writes) {
        if (!writes.firstVersions().isEmpty()
                && jdbc.update(versionRows(INSERT_NEW_VERSIONS, writes.firstVersions(), writes.at()))
                        != writes.firstVersions().size()) {
            throw new ConcurrencyFailureException(
                    "an entity this batch creates was created concurrently; retrying the batch");
        }
        StatementPipeline pipeline = new StatementPipeline();
        if (!writes.nextVersions().isEmpty()) {
            pipeline.write(versionRows(UPSERT_VERSIONS, writes.nextVersions(), writes.at()));
        }
        if (!writes.removed().isEmpty()) {
            pipeline.write(assignmentKeys(DELETE_ASSIGNMENTS, writes.removed()));
        }
        if (!writes.added().isEmpty()) {
            pipeline.write(added(writes.added()));
        }
        pipeline.run(jdbc);
    }

    /** Rows in entity order, so that concurrent writers wait for each other in one order. */
    private static ArrayStatement versionRows(String sql, Map<EntityRow, Long> versions, Instant at) {
        List<Map.Entry<EntityRow, Long>> rows = versions.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        Comparator.comparing(EntityRow::entityType).thenComparing(EntityRow::entityId)))
                .toList();
        Timestamp timestamp = Timestamp.from(at);
        return ArrayStatement.of(sql)
                .array("text", rows.stream().map(e -> e.getKey().entityType()).toArray())
                .array("text", rows.stream().map(e -> e.getKey().entityId()).toArray())
                .array("int8", rows.stream().map(Map.Entry::getValue).toArray())
                .array("timestamptz", rows.stream().map(e -> timestamp).toArray());
    }

    private static ArrayStatement added(List<AssignmentRow> assignments) {
        return assignmentKeys(INSERT_ASSIGNMENTS, assignments)
                .array("text", assignments.stream().map(a -> a.audit().actor()).toArray())
                .array(
                        "timestamptz",
                        assignments.stream()
                                .map(a -> Timestamp.from(a.audit().at()))
                                .toArray())
                .array("text", assignments.stream().map(a -> a.audit().source()).toArray())
                .array(
                        "uuid",
                        assignments.stream().map(a -> a.audit().commandId()).toArray());
    }

    /** The statement with its first three parameters bound: entity types, entity ids, tag ids. */
    private static ArrayStatement assignmentKeys(String sql, List<AssignmentRow> assignments) {
        return ArrayStatement.of(sql)
                .array(
                        "text",
                        assignments.stream().map(a -> a.entity().entityType()).toArray())
                .array(
                        "text",
                        assignments.stream().map(a -> a.entity().entityId()).toArray())
                .array("int8", assignments.stream().map(AssignmentRow::tagId).toArray());
    }

    private static ArrayStatement keys(String sql, Collection<EntityRow> entities) {
        return ArrayStatement.of(sql)
                .array("text", entities.stream().map(EntityRow::entityType).toArray())
                .array("text", entities.stream().map(EntityRow::entityId).toArray());
    }
}
