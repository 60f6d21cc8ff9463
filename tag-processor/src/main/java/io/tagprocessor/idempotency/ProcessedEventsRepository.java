package io.tagprocessor.idempotency;

import io.tagprocessor.store.ArrayStatement;
import io.tagprocessor.store.StatementPipeline;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The idempotency ledger. {@link #claimAll} runs in the same transaction as the command's effect: the
 * database, not memory, decides whether a command id was seen before, within a batch as across
 * restarts and replays.
 */
@Repository
public class ProcessedEventsRepository {

    private static final String INSERT_PROCESSED_EVENTS = """
            INSERT INTO processed_events (command_id, topic, partition, "offset", outcome, reason, issued_by, processed_at)
            SELECT * FROM unnest(?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
            ON CONFLICT (command_id) DO NOTHING
            RETURNING command_id
            """;

    private static final String UPDATE_OUTCOMES = """
            UPDATE processed_events p SET outcome = u.outcome, reason = u.reason
            FROM unnest(?::text[], ?::text[], ?::text[]) AS u (command_id, outcome, reason)
            WHERE p.command_id = u.command_id
            """;

    private static final String INSERT_CLAIM_COPIES = """
            INSERT INTO claim_copies (command_id, topic, partition, "offset")
            SELECT c.command_id, c.topic, c.partition, c."offset"
            FROM unnest(?::text[], ?::text[], ?::int[], ?::bigint[]) AS c (command_id, topic, partition, "offset")
            JOIN processed_events p ON p.command_id = c.command_id
            WHERE (p.topic, p.partition, p."offset") IS DISTINCT FROM (c.topic, c.partition, c."offset")
            ON CONFLICT DO NOTHING
            """;

    private static final String SELECT_CLAIMED = "SELECT command_id FROM processed_events WHERE command_id = ANY (?)";

    private final JdbcTemplate template;

    public ProcessedEventsRepository(JdbcTemplate template) {
        this.template = template;
    }

    /**
     * Records a batch in one statement, sent in one round trip after the statements already in
     * {@code before} (a lock the claim must come after; an empty pipeline for none); returns the ids
     * that were new. An id already recorded, or repeated within the batch, is claimed at most once:
     * the database decides, not the caller.
     */
    public Set<String> claimAll(List<ProcessedEvent> events, StatementPipeline before) {
        Set<String> claimed = new HashSet<>();
        if (!events.isEmpty()) {
            before.read(claimStatement(events), rs -> {
                claimed.add(rs.getString(1));
            });
        }
        before.run(template);
        return claimed;
    }

    private static ArrayStatement claimStatement(List<ProcessedEvent> events) {
        return ArrayStatement.of(INSERT_PROCESSED_EVENTS)
                .array("text", events.stream().map(ProcessedEvent::commandId).toArray())
                .array("text", events.stream().map(ProcessedEvent::topic).toArray())
                .array("int4", events.stream().map(ProcessedEvent::partition).toArray())
                .array("int8", events.stream().map(ProcessedEvent::offset).toArray())
                .array("text", events.stream().map(ProcessedEvent::outcome).toArray())
                .array("text", events.stream().map(ProcessedEvent::reason).toArray())
                .array("text", events.stream().map(ProcessedEvent::issuedBy).toArray())
                .array(
                        "timestamptz",
                        events.stream()
                                .map(e -> Timestamp.from(e.processedAt()))
                                .toArray());
    }

    /**
     * Notes where already claimed commands were read again, when that is not where they were first
     * claimed (a producer that sent one command twice): retention keeps a claim while any copy remains.
     */
    public void recordCopies(List<ProcessedEvent> duplicates) {
        if (duplicates.isEmpty()) {
            return;
        }
        template.update(ArrayStatement.of(INSERT_CLAIM_COPIES)
                .array(
                        "text",
                        duplicates.stream().map(ProcessedEvent::commandId).toArray())
                .array("text", duplicates.stream().map(ProcessedEvent::topic).toArray())
                .array(
                        "int4",
                        duplicates.stream().map(ProcessedEvent::partition).toArray())
                .array("int8", duplicates.stream().map(ProcessedEvent::offset).toArray()));
    }

    /** Which of these keys are claimed already (only reads). */
    public Set<String> existing(List<String> commandIds) {
        if (commandIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(template.query(
                ArrayStatement.of(SELECT_CLAIMED).array("text", commandIds.toArray()), (rs, row) -> rs.getString(1)));
    }

    /**
     * Corrects the outcomes of commands claimed earlier in the same transaction: adds the statement
     * to {@code writes}, which the caller runs with the rest of its batch's writes.
     */
    public void recordOutcomes(List<OutcomeCorrection> corrections, StatementPipeline writes) {
        if (corrections.isEmpty()) {
            return;
        }
        writes.write(ArrayStatement.of(UPDATE_OUTCOMES)
                .array(
                        "text",
                        corrections.stream().map(OutcomeCorrection::commandId).toArray())
                .array(
                        "text",
                        corrections.stream().map(OutcomeCorrection::outcome).toArray())
                .array(
                        "text",
                        corrections.stream().map(OutcomeCorrection::reason).toArray()));
    }

    /** A claimed command whose outcome turned out other than the one it was claimed with. */
    public record OutcomeCorrection(String commandId, String outcome, String reason) {}
}
