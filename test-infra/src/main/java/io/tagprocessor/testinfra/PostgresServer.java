package io.tagprocessor.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests create their databases on: {@code TEST_DATABASE_URL} if set, else a
 * Testcontainers PostgreSQL when Docker is there, else the local server on 127.0.0.1:5432. Every
 * database it creates is dropped on close() of its {@link PostgresDatabase}, or at the latest when the
 * server is closed.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{1,30}");
    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String CONTAINER_IMAGE = "postgres:17-alpine";
    private static final Map<String, PostgresServer> CREATED = new ConcurrentHashMap<>();

    // Identifiers cannot be bound as parameters; %s only ever receives a name built from a validated prefix.
    private static final String CREATE_DATABASE = "CREATE DATABASE \"%s\"";
    private static final String DROP_DATABASE = "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)";

    private final PostgresUrl admin;
    private final PostgreSQLContainer container;

    private PostgresServer(PostgresUrl admin, PostgreSQLContainer container) {
        this.admin = admin;
        this.container = container;
    }

    static PostgresServer start() {
        String configured = System.getenv("TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            PostgresUrl url = PostgresUrl.parse(configured)
                    .withDefaultCredentials(
                            envOr("TEST_DATABASE_USERNAME", "postgres"), envOr("TEST_DATABASE_PASSWORD", ""));
            log.info("postgres=configured admin={}", url);
            return new PostgresServer(url, null);
        }
        if (Docker.available()) {
            PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
            container.start();
            PostgresUrl url = PostgresUrl.parse(container.getJdbcUrl())
                    .withDefaultCredentials(container.getUsername(), container.getPassword());
            log.info("postgres=container image={} admin={}", CONTAINER_IMAGE, url);
            return new PostgresServer(url, container);
        }
        PostgresUrl url = PostgresUrl.parse(LOCAL_ADMIN_URL).withDefaultCredentials("postgres", "");
        log.info("postgres=local admin={}", url);
        return new PostgresServer(url, null);
    }

    PostgresDatabase create(String namePrefix) {
        if (namePrefix == null || !PREFIX.matcher(namePrefix).matches()) {
            throw new IllegalArgumentException("Database name prefix must match " + PREFIX.pattern());
        }
        String name = namePrefix + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute(CREATE_DATABASE.formatted(name));
        CREATED.put(name, this);
        PostgresUrl url = admin.withDatabase(name);
        return new PostgresDatabase(name, url.jdbcUrl(), url.username(), url.password());
    }

    static void dropCreated(String name) {
        PostgresServer server = CREATED.get(name);
        if (server == null) {
            return;
        }
        server.drop(name);
    }

    @Override
    public void close() {
        CREATED.forEach((name, server) -> {
            if (server == this) {
                drop(name);
            }
        });
        if (container != null) {
            container.stop();
        }
    }

    private void drop(String name) {
        execute(DROP_DATABASE.formatted(name));
        CREATED.remove(name);
    }

    private void execute(String sql) {
        Properties credentials = new Properties();
        credentials.setProperty("user", admin.username());
        credentials.setProperty("password", admin.password());
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), credentials);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + admin + " refused: " + e.getMessage()
                            + " (set TEST_DATABASE_URL to use another server)",
                    e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
