package io.tagprocessor.store;

import io.tagprocessor.tagging.Audit;
import io.tagprocessor.tagging.EntityRow;
import io.tagprocessor.tagging.FanoutJobRow;
import io.tagprocessor.tagging.FanoutStore;
import io.tagprocessor.tagging.TagRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Fan-out jobs of tag renames and deletes ({@code fanout_jobs}) and the retired tag rows they
 * drain. A job's pending work is not listed anywhere: it is the assignments still pointing at its
 * retired row, so recording a job costs the same for 10 entities as for 200,000. A retired row
 * takes no new assignments (it is never found by name), so that set only shrinks.
 */
@Repository
public class FanoutRepository implements FanoutStore {

    /** The advisory lock key of the one fan-out runner of a database ("fanoutrn" in ASCII). */
    public static final long RUNNER_KEY = 0x66616e6f7574726eL;

    private static final String TRY_LOCK_RUNNER = "SELECT pg_try_advisory_xact_lock(:key)";

    /** Entities carrying the tag: on its row, or on a retired row whose tag it became. */
    private static final String COUNT_CARRIERS = """
            SELECT (SELECT count(*) FROM entity_tags WHERE tag_id = :id)
                   + (SELECT count(*) FROM tags r JOIN entity_tags et ON et.tag_id = r.id
                      WHERE r.retired AND r.successor_id = :id)
            """;

    private static final String RETIRE_TAG = "UPDATE tags SET retired = true WHERE id = :id";

    private static final String INSERT_SUCCESSOR = """
            INSERT INTO tags (normalized_name, display_name, description, color,
                              created_at, created_by, updated_at, updated_by, event_key)
            SELECT :normalized, :display, description, color, created_at, created_by, :at, :actor, event_key
            FROM tags WHERE id = :id
            RETURNING id
            """;

    /** The retired row and those that became it now lead to the successor (null: deleted), one change further. */
    private static final String REDIRECT_RETIRED = """
            UPDATE tags SET successor_id = :successor, pending_changes = pending_changes + 1
            WHERE id = :id OR (retired AND successor_id = :id)
            """;

    private static final String INSERT_JOB = """
            INSERT INTO fanout_jobs (tag_id, successor_id, command_id, issued_by, source, applied_at, entity_count)
            VALUES (:tagId, :successor, :commandId, :issuedBy, :source, :appliedAt, :entityCount)
            """;

    private static final String SELECT_JOBS = """
            SELECT j.id, j.tag_id, j.successor_id, t.normalized_name, t.display_name, s.normalized_name,
                   s.display_name, j.command_id, j.issued_by, j.source, j.applied_at, j.entity_count
            FROM fanout_jobs j
            JOIN tags t ON t.id = j.tag_id
            LEFT JOIN tags s ON s.id = j.successor_id
            ORDER BY j.id
            """;

    /** Jobs whose row has no assignment left and whose predecessor (the job that led into it) is done. */
    private static final String DELETE_FINISHED_JOBS = """
            DELETE FROM fanout_jobs j
            WHERE NOT EXISTS (SELECT 1 FROM entity_tags et WHERE et.tag_id = j.tag_id)
              AND NOT EXISTS (SELECT 1 FROM fanout_jobs p WHERE p.successor_id = j.tag_id)
            RETURNING j.id, j.tag_id, j.command_id, j.entity_count, j.applied_at
            """;

    private static final String DELETE_RETIRED_TAG = "DELETE FROM tags WHERE id = :id AND retired";

    private static final String SELECT_NEXT_CARRIERS = """
            SELECT entity_type, entity_id FROM entity_tags
            WHERE tag_id = :tagId AND (entity_type, entity_id) > (:afterType, :afterId)
            ORDER BY entity_type, entity_id
            LIMIT :limit
            """;

    private static final String MOVE_ASSIGNMENTS = """
            UPDATE entity_tags et SET tag_id = m.to_tag
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS m (entity_type, entity_id, from_tag, to_tag)
            WHERE et.entity_type = m.entity_type AND et.entity_id = m.entity_id AND et.tag_id = m.from_tag
            """;

    private static final String COUNT_PENDING = """
            SELECT count(*) FROM entity_tags WHERE tag_id IN (SELECT tag_id FROM fanout_jobs)
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public FanoutRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A job that finished: its pending work is done. */
    public record FinishedJob(long id, long tagId, UUID commandId, long entityCount, Instant appliedAt) {}

    /** True when this transaction now is the database's one fan-out runner (until it ends); never waits. */
    public boolean tryLockRunner() {
        return jdbc.sql(TRY_LOCK_RUNNER)
                .param("key", RUNNER_KEY)
                .query(Boolean.class)
                .single();
    }

    /** How many entities carry the live tag {@code tagId}, counting those whose fan-out into it is pending. */
    public long countCarriers(long tagId) {
        return jdbc.sql(COUNT_CARRIERS).param("id", tagId).query(Long.class).single();
    }

    /** Retires the live row {@code tag}; a rename gives its tag a new row named {@code successor}; returns its id. */
    public Long retire(TagRow tag, String normalized, String display, Audit audit) {
        jdbc.sql(RETIRE_TAG).param("id", tag.id()).update();
        Long successor = normalized == null
                ? null
                : jdbc.sql(INSERT_SUCCESSOR)
                        .param("id", tag.id())
                        .param("normalized", normalized)
                        .param("display", display)
                        .param("at", Timestamp.from(audit.at()))
                        .param("actor", audit.actor())
                        .query(Long.class)
                        .single();
        jdbc.sql(REDIRECT_RETIRED)
                .param("id", tag.id())
                .param("successor", successor, Types.BIGINT)
                .update();
        return successor;
    }

    /** Records the job that drains {@code tagId} (just retired) into {@code successor}. */
    public void createJob(long tagId, Long successor, Audit audit, long entityCount) {
        jdbc.sql(INSERT_JOB)
                .param("tagId", tagId)
                .param("successor", successor, Types.BIGINT)
                .param("commandId", audit.commandId())
                .param("issuedBy", audit.actor())
                .param("source", audit.source())
                .param("appliedAt", Timestamp.from(audit.at()))
                .param("entityCount", entityCount)
                .update();
    }

    /** Every pending job, oldest first. */
    public List<FanoutJobRow> jobs() {
        return jdbc.sql(SELECT_JOBS).query(FanoutRepository::job).list();
    }

    /** Deletes the jobs that are done, and their retired rows; returns them. */
    public List<FinishedJob> finishJobs() {
        List<FinishedJob> finished = new ArrayList<>();
        List<FinishedJob> round;
        do {
            round = jdbc.sql(DELETE_FINISHED_JOBS)
                    .query((rs, n) -> new FinishedJob(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getObject(3, UUID.class),
                            rs.getLong(4),
                            rs.getTimestamp(5).toInstant()))
                    .list();
            round.forEach(
                    job -> jdbc.sql(DELETE_RETIRED_TAG).param("id", job.tagId()).update());
            finished.addAll(round);
        } while (!round.isEmpty());
        return finished;
    }

    /** Up to {@code limit} entities still assigned to the retired row {@code tagId}, in key order after {@code after}. */
    public List<EntityRow> nextCarriers(long tagId, EntityRow after, int limit) {
        return jdbc.sql(SELECT_NEXT_CARRIERS)
                .param("tagId", tagId)
                .param("afterType", after == null ? "" : after.entityType())
                .param("afterId", after == null ? "" : after.entityId())
                .param("limit", limit)
                .query(EntityRow.class)
                .list();
    }

    public void moveAssignments(List<Move> moves) {
        if (moves.isEmpty()) {
            return;
        }
        template.update(ArrayStatement.of(MOVE_ASSIGNMENTS)
                .array("text", moves.stream().map(m -> m.entity().entityType()).toArray())
                .array("text", moves.stream().map(m -> m.entity().entityId()).toArray())
                .array("int8", moves.stream().map(Move::fromTag).toArray())
                .array("int8", moves.stream().map(Move::toTag).toArray()));
    }

    /** Assignments whose fan-out is still to be applied. */
    public long countPending() {
        return jdbc.sql(COUNT_PENDING).query(Long.class).single();
    }

    private static FanoutJobRow job(ResultSet rs, int row) throws SQLException {
        return new FanoutJobRow(
                rs.getLong(1),
                rs.getLong(2),
                rs.getObject(3, Long.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getObject(8, UUID.class),
                rs.getString(9),
                rs.getString(10),
                rs.getTimestamp(11).toInstant(),
                rs.getLong(12));
    }
}
