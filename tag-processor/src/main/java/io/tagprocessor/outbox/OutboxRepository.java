package io.tagprocessor.outbox;

import io.tagprocessor.store.ArrayStatement;
import io.tagprocessor.store.StatementPipeline;
import io.tagprocessor.tagging.Limits;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The transactional outbox. Rows are appended in the transaction that caused them, and the relay is
 * woken when that transaction commits: in process when this process's relay leads
 * ({@link #wakeInProcess}), else by a {@code NOTIFY} (sent at commit) to the leader wherever it runs. A
 * NOTIFY costs a round trip and a lock held through the commit's WAL flush, which would make
 * concurrent batches commit one after another. The relay reads them in id
 * order and deletes them once the broker has acknowledged them, in the statement that reads the next
 * ones.
 */
@Repository
public class OutboxRepository {

    /** The channel the relay listens on. */
    public static final String CHANNEL = "tag_processor_outbox";

    private static final String INSERT_OUTBOX_ROWS = """
            INSERT INTO outbox (topic, record_key, event_id, event_type, causation_id, payload,
                                state_topic, state_payload, headers, created_at)
            SELECT topic, record_key, event_id, event_type, causation_id, payload,
                   state_topic, state_payload, headers::jsonb, clock_timestamp()
            FROM unnest(?::text[], ?::bytea[], ?::uuid[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::bytea[], ?::text[])
                WITH ORDINALITY AS row (topic, record_key, event_id, event_type, causation_id, payload,
                                        state_topic, state_payload, headers, position)
            ORDER BY position
            """;

    private static final String NOTIFY_RELAY = "SELECT pg_notify('" + CHANNEL + "', '')";

    /**
     * Deletes the rows published last (?), then reads the oldest others: at most ? of them and, past
     * the first row, at most ? bytes of payloads. Both parts see the statement's snapshot, so the read
     * excludes the deleted ids itself.
     */
    private static final String SELECT_NEXT_BATCH = """
            WITH published AS (DELETE FROM outbox WHERE id = ANY (?::bigint[]))
            SELECT id, topic, record_key, event_id, event_type, causation_id, payload,
                   state_topic, state_payload, headers, created_at
            FROM (
                SELECT head.*,
                       sum(coalesce(octet_length(payload), 0) + coalesce(octet_length(state_payload), 0)
                           + coalesce(octet_length(record_key), 0)) OVER (ORDER BY id) AS running_bytes,
                       row_number() OVER (ORDER BY id) AS position
                FROM (
                    SELECT id, topic, record_key, event_id, event_type, causation_id, payload,
                           state_topic, state_payload, headers::text AS headers, created_at
                    FROM outbox WHERE id <> ALL (?::bigint[]) ORDER BY id LIMIT ?
                ) head
            ) sized
            WHERE position = 1 OR running_bytes <= ?
            ORDER BY id
            """;

    private static final String PARK_ROW = """
            WITH parked AS (
                DELETE FROM outbox WHERE id = ?
                RETURNING id, topic, record_key, event_id, event_type, causation_id, payload,
                          state_topic, state_payload, headers, created_at
            )
            INSERT INTO outbox_parked (id, topic, record_key, event_id, event_type, causation_id, payload,
                                       state_topic, state_payload, headers, created_at, parked_at, error)
            SELECT id, topic, record_key, event_id, event_type, causation_id, payload,
                   state_topic, state_payload, headers, created_at, clock_timestamp(), ?
            FROM parked
            """;

    /** Longest error text kept with a parked row (the column's check allows 1000). */
    static final int MAX_PARKED_ERROR = Limits.PARKED_ERROR_CHARS;

    private static final String DELETE_PUBLISHED = "DELETE FROM outbox WHERE id = ANY (?)";

    private static final String VACUUM_OUTBOX = "VACUUM outbox";

    /** The event type of every companion record: the entity state after an event. */
    private static final String STATE_EVENT_TYPE = "EntityTagState";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AtomicReference<Runnable> localRelay = new AtomicReference<>();

    public OutboxRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The relay of this process leads from now on: {@code wake} is run after each commit of appended rows. */
    public void wakeInProcess(Runnable wake) {
        localRelay.set(wake);
    }

    /** The relay woken by {@code wake} no longer leads: commits send a NOTIFY to the leader wherever it runs. */
    public void stopWakingInProcess(Runnable wake) {
        localRelay.compareAndSet(wake, null);
    }

    /** Appends rows in list order (ids ascend in that order) and asks for a wake-up at commit. */
    public void append(List<OutboxRow> rows) {
        StatementPipeline writes = new StatementPipeline();
        append(rows, writes);
        writes.run(jdbc);
    }

    /** As {@link #append(List)}, the statements added to {@code writes} for the caller to run. */
    public void append(List<OutboxRow> rows, StatementPipeline writes) {
        if (rows.isEmpty()) {
            return;
        }
        writes.write(ArrayStatement.of(INSERT_OUTBOX_ROWS)
                .array("text", rows.stream().map(OutboxRow::topic).toArray())
                .array("bytea", rows.stream().map(OutboxRow::recordKey).toArray(byte[][]::new))
                .array("uuid", rows.stream().map(OutboxRow::eventId).toArray())
                .array("text", rows.stream().map(OutboxRow::eventType).toArray())
                .array("text", rows.stream().map(OutboxRow::causationId).toArray())
                .array("bytea", rows.stream().map(OutboxRow::payload).toArray(byte[][]::new))
                .array(
                        "text",
                        rows.stream()
                                .map(row -> companion(row, OutboxRow.Companion::topic))
                                .toArray())
                .array(
                        "bytea",
                        rows.stream()
                                .map(row -> companion(row, OutboxRow.Companion::payload))
                                .toArray(byte[][]::new))
                .array("text", rows.stream().map(this::extraHeaders).toArray()));
        wakeRelayAtCommit(writes);
    }

    /** In process after the commit while this process's relay leads, else by a NOTIFY sent at commit. */
    private void wakeRelayAtCommit(StatementPipeline writes) {
        Runnable wake = localRelay.get();
        if (wake != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake.run();
                }
            });
        } else {
            writes.write(ArrayStatement.of(NOTIFY_RELAY));
        }
    }

    /**
     * Deletes the rows {@code published} (acknowledged by the broker), then reads the oldest others, on
     * the given connection (the relay's leader connection): at most {@code limit} rows and
     * {@code maxBytes} of keys and payloads, but always the oldest row.
     */
    public List<StoredOutboxRow> nextBatch(Connection connection, List<Long> published, int limit, long maxBytes)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SELECT_NEXT_BATCH)) {
            Array ids = connection.createArrayOf("bigint", published.toArray());
            ps.setArray(1, ids);
            ps.setArray(2, ids);
            ps.setInt(3, limit);
            ps.setLong(4, maxBytes);
            try (ResultSet rs = ps.executeQuery()) {
                List<StoredOutboxRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new StoredOutboxRow(read(rs), rs.getTimestamp(11).toInstant()));
                }
                return rows;
            }
        }
    }

    private OutboxRow read(ResultSet rs) throws SQLException {
        String stateTopic = rs.getString(8);
        String headers = rs.getString(10);
        return new OutboxRow(
                rs.getLong(1),
                rs.getString(2),
                rs.getBytes(3),
                rs.getObject(4, UUID.class),
                rs.getString(5),
                rs.getString(6),
                rs.getBytes(7),
                stateTopic == null ? null : new OutboxRow.Companion(stateTopic, STATE_EVENT_TYPE, rs.getBytes(9)),
                headers == null ? Map.of() : json.readValue(headers, HEADERS));
    }

    private static <T> T companion(OutboxRow row, Function<OutboxRow.Companion, T> part) {
        return row.companion() == null ? null : part.apply(row.companion());
    }

    private String extraHeaders(OutboxRow row) {
        return row.extraHeaders().isEmpty() ? null : json.writeValueAsString(row.extraHeaders());
    }

    public int delete(Connection connection, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(DELETE_PUBLISHED)) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            return ps.executeUpdate();
        }
    }

    /**
     * Vacuums the outbox on a connection outside any transaction; returns the warning with which the
     * database skipped it (only the table's owner may vacuum it), if it did.
     */
    public Optional<String> vacuum(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(VACUUM_OUTBOX);
            SQLWarning warning = statement.getWarnings();
            return warning == null ? Optional.empty() : Optional.of(warning.getMessage());
        }
    }

    /** Moves a row the broker refused for good to {@code outbox_parked}, with why; true when it was there. */
    public boolean park(Connection connection, long id, String error) throws SQLException {
        String text = error == null || error.isBlank() ? "unknown" : error.strip();
        try (PreparedStatement ps = connection.prepareStatement(PARK_ROW)) {
            ps.setLong(1, id);
            ps.setString(2, text.length() > MAX_PARKED_ERROR ? text.substring(0, MAX_PARKED_ERROR) : text);
            return ps.executeUpdate() == 1;
        }
    }

    /** A stored row and when it was written (the start of its publish delay). */
    public record StoredOutboxRow(OutboxRow row, Instant createdAt) {}
}
