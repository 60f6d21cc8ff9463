package io.tagprocessor.benchmark.probe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU used by the PostgreSQL processes that work for one database: its backends and the server's
 * WAL writer, checkpointer and background writer. A backend that exits keeps the CPU it was last
 * seen with, so the sum never goes down.
 */
final class PostgresBackends implements AutoCloseable {

    private static final String SELECT_BACKENDS = """
            SELECT pid FROM pg_stat_activity
            WHERE (datname = current_database() AND pid <> pg_backend_pid())
               OR backend_type IN ('walwriter', 'checkpointer', 'background writer')
            """;

    private final Connection connection;
    private final Map<Long, Double> cpuByPid = new HashMap<>();

    PostgresBackends(Connection connection) {
        this.connection = connection;
    }

    double cpuSeconds() {
        try (PreparedStatement ps = connection.prepareStatement(SELECT_BACKENDS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long pid = rs.getLong(1);
                double cpu = ProcStat.cpuSeconds(pid);
                if (cpu >= 0) {
                    cpuByPid.merge(pid, cpu, Math::max);
                }
            }
        } catch (SQLException e) {
            // keep what was seen; the next sample tries again
        }
        return cpuByPid.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
