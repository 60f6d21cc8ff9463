package io.tagprocessor.chaos;

import io.tagprocessor.testinfra.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The run's database as the harness sees it: the counts it watches while the load runs, and the one
 * fault it injects there, terminating every connection of the service.
 */
final class ChaosDatabase {

    private static final String COUNT_PROCESSED = "SELECT count(*) FROM processed_events";
    private static final String COUNT_OUTBOX = "SELECT count(*) FROM outbox";
    private static final String COUNT_FANOUT_JOBS = "SELECT count(*) FROM fanout_jobs";
    private static final String TERMINATE_SERVICE_CONNECTIONS = """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """;

    private final PostgresDatabase database;
    private Connection watcher;

    ChaosDatabase(PostgresDatabase database) {
        this.database = database;
    }

    PostgresDatabase database() {
        return database;
    }

    /** A new connection to this run's database; the caller closes it. */
    Connection connect() throws SQLException {
        return database.connect();
    }

    /** Rows in processed_events, or -1 while the schema is not there yet or the query fails. */
    synchronized long processedCount() {
        return count(COUNT_PROCESSED);
    }

    synchronized long outboxCount() {
        return count(COUNT_OUTBOX);
    }

    /** Tag renames and deletes whose entity changes are still to come (they are not in the outbox yet). */
    synchronized long fanoutJobCount() {
        return count(COUNT_FANOUT_JOBS);
    }

    /** {@code pg_terminate_backend} for every connection of the service; returns how many were cut. */
    synchronized long terminateServiceConnections() {
        return count(TERMINATE_SERVICE_CONNECTIONS);
    }

    private long count(String sql) {
        try {
            if (watcher == null || watcher.isClosed()) {
                watcher = connect();
            }
            try (Statement statement = watcher.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            close();
            return -1;
        }
    }

    /** Closes the watching connection; the database itself is dropped with the stack. */
    synchronized void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
        watcher = null;
    }
}
