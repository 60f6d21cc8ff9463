package io.tagprocessor.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A brand-new, empty PostgreSQL database created by {@link PostgresServer#create(String)}.
 * {@link #close()} drops it, forcibly disconnecting whoever is still connected.
 */
public record PostgresDatabase(String name, String jdbcUrl, String username, String password) implements AutoCloseable {

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return connect(Map.of());
    }

    /** A new connection with extra driver settings, e.g. {@code reWriteBatchedInserts=true}. */
    public Connection connect(Map<String, String> settings) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.setProperty("user", username);
        properties.setProperty("password", password == null ? "" : password);
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** What the service reads from its environment to use this database. */
    public Map<String, String> environment() {
        return Map.of("DATABASE_URL", jdbcUrl, "DATABASE_USERNAME", username, "DATABASE_PASSWORD", password);
    }

    @Override
    public void close() {
        PostgresServer.dropCreated(name);
    }

    @Override
    public String toString() {
        return "PostgresDatabase[name=" + name + ", jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "<none>" : "****") + "]";
    }
}
