package io.tagprocessor.chaos.stack;

import io.tagprocessor.testinfra.PostgresUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A brand-new PostgreSQL database for one run ({@code TEST_DATABASE_URL}'s server, else
 * 127.0.0.1:5432 as postgres), the counts the harness watches while the load runs, and the one fault
 * it injects there: terminating every connection of the service.
 */
public final class ChaosDatabase implements AutoCloseable {

    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    // identifiers cannot be bound; %s only ever receives a name made of a fixed prefix and hex digits
    private static final String CREATE_DATABASE = "CREATE DATABASE \"%s\"";
    private static final String DROP_DATABASE = "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)";

    private static final String COUNT_PROCESSED = "SELECT count(*) FROM processed_events";
    private static final String COUNT_OUTBOX = "SELECT count(*) FROM outbox";
    private static final String COUNT_FANOUT_JOBS = "SELECT count(*) FROM fanout_jobs";
    private static final String TERMINATE_SERVICE_CONNECTIONS = """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """;

    private final PostgresUrl admin;
    private final PostgresUrl url;
    private final String name;
    private Connection watcher;

    private ChaosDatabase(PostgresUrl admin, String name) {
        this.admin = admin;
        this.name = name;
        this.url = admin.withDatabase(name);
    }

    public static ChaosDatabase create(String prefix) {
        String configured = System.getenv("TEST_DATABASE_URL");
        PostgresUrl admin = PostgresUrl.parse(configured == null || configured.isBlank() ? LOCAL_ADMIN_URL : configured)
                .withDefaultCredentials(
                        envOr("TEST_DATABASE_USERNAME", "postgres"), envOr("TEST_DATABASE_PASSWORD", ""));
        String name = prefix + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ChaosDatabase database = new ChaosDatabase(admin, name);
        database.executeAsAdmin(CREATE_DATABASE.formatted(name));
        return database;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return url.jdbcUrl();
    }

    public String username() {
        return url.username();
    }

    public String password() {
        return url.password();
    }

    /** A new connection to this run's database; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", url.username());
        credentials.setProperty("password", url.password());
        return DriverManager.getConnection(url.jdbcUrl(), credentials);
    }

    /** Rows in processed_events, or -1 while the schema is not there yet or the query fails. */
    public synchronized long processedCount() {
        return count(COUNT_PROCESSED);
    }

    public synchronized long outboxCount() {
        return count(COUNT_OUTBOX);
    }

    /** Tag renames and deletes whose entity changes are still to come (they are not in the outbox yet). */
    public synchronized long fanoutJobCount() {
        return count(COUNT_FANOUT_JOBS);
    }

    /** {@code pg_terminate_backend} for every connection of the service; returns how many were cut. */
    public synchronized long terminateServiceConnections() {
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
            closeWatcher();
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        closeWatcher();
        executeAsAdmin(DROP_DATABASE.formatted(name));
    }

    private void closeWatcher() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
        watcher = null;
    }

    private void executeAsAdmin(String sql) {
        Properties credentials = new Properties();
        credentials.setProperty("user", admin.username());
        credentials.setProperty("password", admin.password());
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), credentials);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + admin + " refused: " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
