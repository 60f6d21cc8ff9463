package io.tagprocessor.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The consumer's offsets kept with its effects ({@code command_offsets}): {@link #save} runs in the
 * transaction of the records it moves past, so the database always knows exactly which commands it
 * holds, also after a restore from a backup.
 */
@Repository
public class CommandOffsetsRepository {

    private static final String UPSERT_NEXT_OFFSETS = """
            INSERT INTO command_offsets (group_id, topic, partition, next_offset, updated_at)
            SELECT ?, topic, partition, next_offset, now()
            FROM unnest(?::text[], ?::int[], ?::bigint[]) AS o (topic, partition, next_offset)
            ON CONFLICT (group_id, topic, partition)
            DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at
            """;

    private static final String SELECT_NEXT_OFFSETS = """
            SELECT partition, next_offset FROM command_offsets
            WHERE group_id = :group AND topic = :topic
            """;

    private static final String SELECT_AFTER_LAST_CLAIM = """
            SELECT "offset" + 1 FROM processed_events
            WHERE topic = :topic AND partition = :partition
            ORDER BY "offset" DESC
            LIMIT 1
            """;

    private final JdbcClient jdbc;

    public CommandOffsetsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records where the group goes on reading, one statement for every partition of a batch: added to
     * {@code writes}, which the caller runs with the rest of the batch's writes.
     */
    public void save(String groupId, List<NextOffset> offsets, StatementPipeline writes) {
        if (offsets.isEmpty()) {
            return;
        }
        writes.write(ArrayStatement.of(UPSERT_NEXT_OFFSETS)
                .value(groupId)
                .array("text", offsets.stream().map(NextOffset::topic).toArray())
                .array("int4", offsets.stream().map(NextOffset::partition).toArray())
                .array("int8", offsets.stream().map(NextOffset::offset).toArray()));
    }

    /** The stored next offset of every partition of {@code topic} the group has read, by partition. */
    public Map<Integer, Long> nextOffsets(String groupId, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.sql(SELECT_NEXT_OFFSETS)
                .param("group", groupId)
                .param("topic", topic)
                .query(row -> {
                    offsets.put(row.getInt("partition"), row.getLong("next_offset"));
                });
        return offsets;
    }

    /** The offset right after the last command claimed from the partition, if any was. */
    public Optional<Long> afterLastClaim(String topic, int partition) {
        return jdbc.sql(SELECT_AFTER_LAST_CLAIM)
                .param("topic", topic)
                .param("partition", partition)
                .query(Long.class)
                .optional();
    }
}
