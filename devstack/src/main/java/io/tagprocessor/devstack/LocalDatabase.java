package io.tagprocessor.devstack;

import io.tagprocessor.testinfra.PostgresUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** Makes sure the database named by DATABASE_URL exists, creating it through the server's postgres database. */
final class LocalDatabase {

    static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/tagprocessor";
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");
    private static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = ?";
    // Identifiers cannot be bound as parameters; %s only ever receives a name that matched SAFE_NAME.
    private static final String CREATE_DATABASE = "CREATE DATABASE \"%s\"";

    private LocalDatabase() {}

    /** DATABASE_URL (either form) with DATABASE_USERNAME / DATABASE_PASSWORD filling in missing credentials. */
    static PostgresUrl fromEnvironment() {
        String url = System.getenv().getOrDefault("DATABASE_URL", DEFAULT_URL);
        return PostgresUrl.parse(url)
                .withDefaultCredentials(
                        System.getenv().getOrDefault("DATABASE_USERNAME", "postgres"),
                        System.getenv().getOrDefault("DATABASE_PASSWORD", ""));
    }

    /** Returns true when the database had to be created. */
    static boolean ensureExists(PostgresUrl database) {
        if (!SAFE_NAME.matcher(database.database()).matches()) {
            throw new IllegalArgumentException("The devstack creates only databases named like " + SAFE_NAME.pattern()
                    + "; create " + database + " yourself or pick another name");
        }
        try (Connection admin = connect(database.withDatabase("postgres"));
                Statement statement = admin.createStatement()) {
            if (exists(admin, database.database())) {
                return false;
            }
            statement.execute(CREATE_DATABASE.formatted(database.database()));
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + database + " is not usable: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection admin, String name) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement(DATABASE_EXISTS)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection connect(PostgresUrl url) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", url.username());
        credentials.setProperty("password", url.password());
        return DriverManager.getConnection(url.jdbcUrl(), credentials);
    }
}
