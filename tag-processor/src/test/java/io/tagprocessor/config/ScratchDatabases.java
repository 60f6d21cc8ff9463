package io.tagprocessor.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Interim stand-in for the shared fixture's newDatabase(prefix) until it lands on main. */
final class ScratchDatabases {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    record Database(String name, String jdbcUrl, String username, String password) implements AutoCloseable {
        @Override
        public void close() {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    static Database newDatabase(String prefix) {
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return new Database(name, "jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
