package io.tagprocessor.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code restructure_barriers}: where each tag rename or delete stood among the other partitions. */
@Repository
public class RestructureBarrierRepository {

    private static final String INSERT_BARRIER = """
            INSERT INTO restructure_barriers (command_id, topic, partition, "offset", after_partitions, after_offsets, applied_at)
            VALUES (?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (command_id) DO NOTHING
            """;

    private static final String SELECT_UNAPPLIED_BARRIERS = """
            SELECT b.command_id, b.topic, b.partition, b."offset", b.after_partitions, b.after_offsets
            FROM restructure_barriers b
            WHERE b.topic = :topic
              AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.command_id = b.command_id)
            ORDER BY b.sequence
            """;

    private static final String DELETE_BARRIERS_BEFORE = """
            DELETE FROM restructure_barriers WHERE topic = :topic AND partition = :partition AND "offset" < :logStart
            """;

    private final JdbcTemplate template;
    private final JdbcClient jdbc;

    public RestructureBarrierRepository(JdbcTemplate template, JdbcClient jdbc) {
        this.template = template;
        this.jdbc = jdbc;
    }

    /** Records a barrier in the caller's transaction; one already recorded for the command stays. Returns 1 if new. */
    public int record(RestructureBarrier barrier) {
        return template.update(connection -> {
            var statement = connection.prepareStatement(INSERT_BARRIER);
            statement.setString(1, barrier.commandId());
            statement.setString(2, barrier.topic());
            statement.setInt(3, barrier.partition());
            statement.setLong(4, barrier.offset());
            statement.setArray(
                    5, connection.createArrayOf("int4", barrier.after().keySet().toArray()));
            statement.setArray(
                    6, connection.createArrayOf("int8", barrier.after().values().toArray()));
            return statement;
        });
    }

    /** The barriers of commands this database has not applied yet, in the order they were applied live. */
    public List<RestructureBarrier> unapplied(String topic) {
        return jdbc.sql(SELECT_UNAPPLIED_BARRIERS)
                .param("topic", topic)
                .query((rs, n) -> new RestructureBarrier(
                        rs.getString("command_id"),
                        rs.getString("topic"),
                        rs.getInt("partition"),
                        rs.getLong("offset"),
                        after(rs)))
                .list();
    }

    /** Deletes the barriers of commands read from the partition before {@code logStart} (retention). */
    public int deleteBefore(String topic, int partition, long logStart) {
        return jdbc.sql(DELETE_BARRIERS_BEFORE)
                .param("topic", topic)
                .param("partition", partition)
                .param("logStart", logStart)
                .update();
    }

    private static Map<Integer, Long> after(ResultSet rs) throws SQLException {
        Array partitions = rs.getArray("after_partitions");
        Array offsets = rs.getArray("after_offsets");
        Integer[] p = (Integer[]) partitions.getArray();
        Long[] o = (Long[]) offsets.getArray();
        Map<Integer, Long> after = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            after.put(p[i], o[i]);
        }
        return after;
    }
}
