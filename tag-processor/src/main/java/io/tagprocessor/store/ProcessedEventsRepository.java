package io.tagprocessor.store;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The idempotency ledger. {@link #claim} runs in the same transaction as the command's effect: the
 * database, not memory, decides whether a command id was seen before, within a batch as across
 * restarts and replays.
 */
@Repository
public class ProcessedEventsRepository {

    private static final String INSERT_PROCESSED_EVENT = """
            INSERT INTO processed_events (command_id, topic, partition, "offset", outcome, reason, issued_by, processed_at)
            VALUES (:commandId, :topic, :partition, :offset, :outcome, :reason, :issuedBy, :processedAt)
            ON CONFLICT (command_id) DO NOTHING
            """;

    private static final String UPDATE_OUTCOME = """
            UPDATE processed_events SET outcome = :outcome, reason = :reason WHERE command_id = :commandId
            """;

    private final JdbcClient jdbc;

    public ProcessedEventsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the command; false when its id was already recorded (a duplicate). */
    public boolean claim(ProcessedEvent event) {
        return jdbc.sql(INSERT_PROCESSED_EVENT)
                        .param("commandId", event.commandId())
                        .param("topic", event.topic())
                        .param("partition", event.partition())
                        .param("offset", event.offset())
                        .param("outcome", event.outcome())
                        .param("reason", event.reason())
                        .param("issuedBy", event.issuedBy())
                        .param("processedAt", Timestamp.from(event.processedAt()))
                        .update()
                == 1;
    }

    /** Corrects the outcome of a command claimed earlier in the same transaction. */
    public void recordOutcome(String commandId, String outcome, String reason) {
        jdbc.sql(UPDATE_OUTCOME)
                .param("commandId", commandId)
                .param("outcome", outcome)
                .param("reason", reason)
                .update();
    }
}
