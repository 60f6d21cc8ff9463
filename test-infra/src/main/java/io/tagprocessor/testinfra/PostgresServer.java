package io.tagprocessor.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * A PostgreSQL server and the one place that creates and drops databases on it. {@link #shared()} is
 * the server tests use: {@code TEST_DATABASE_URL} if set, else a Testcontainers PostgreSQL when Docker
 * is there, else the local server on 127.0.0.1:5432. Every database made by {@link #create} is dropped
 * on close() of its {@link PostgresDatabase}, or at the latest when the server is closed.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{1,30}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");
    private static final String LOCAL_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String CONTAINER_IMAGE = "postgres:17-alpine";
    private static final Map<String, PostgresServer> CREATED = new ConcurrentHashMap<>();
    private static PostgresServer shared;

    // Identifiers cannot be bound as parameters; %s only ever receives a name that matched NAME.
    private static final String CREATE_DATABASE = "CREATE DATABASE \"%s\"";
    private static final String DROP_DATABASE = "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)";
    private static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = ?";

    private final PostgresUrl admin;
    private final PostgreSQLContainer container;

    private PostgresServer(PostgresUrl admin, PostgreSQLContainer container) {
        this.admin = admin;
        this.container = container;
    }

    /** The server at {@code admin} (a URL of a database the user may connect to, e.g. {@code postgres}). */
    public static PostgresServer at(PostgresUrl admin) {
        return new PostgresServer(admin, null);
    }

    /** The local server on 127.0.0.1:5432, as {@code postgres} without a password. */
    public static PostgresServer local() {
        return at(PostgresUrl.parse(LOCAL_ADMIN_URL).withDefaultCredentials("postgres", ""));
    }

    /** The tests' server, chosen (and a container started) once per JVM; closed when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = choose();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-server-shutdown"));
        }
        return shared;
    }

    private static PostgresServer choose() {
        String configured = System.getenv("TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            PostgresUrl url = PostgresUrl.parse(configured)
                    .withDefaultCredentials(
                            envOr("TEST_DATABASE_USERNAME", "postgres"), envOr("TEST_DATABASE_PASSWORD", ""));
            log.info("postgres=configured admin={}", url);
            return at(url);
        }
        if (Docker.available()) {
            PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
            container.start();
            PostgresUrl url = PostgresUrl.parse(container.getJdbcUrl())
                    .withDefaultCredentials(container.getUsername(), container.getPassword());
            log.info("postgres=container image={} admin={}", CONTAINER_IMAGE, url);
            return new PostgresServer(url, container);
        }
        PostgresServer server = local();
        log.info("postgres=local admin={}", server.admin);
        return server;
    }

    /** A brand-new empty database named {@code <prefix>_<random hex>}. */
    public PostgresDatabase create(String namePrefix) {
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

    /** Creates the database {@code name} unless it exists (it is never dropped); true when it was created. */
    public boolean createIfMissing(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Only databases named like " + NAME.pattern() + " are created here");
        }
        try (Connection connection = connect();
                PreparedStatement exists = connection.prepareStatement(DATABASE_EXISTS)) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_DATABASE.formatted(name));
            }
            return true;
        } catch (SQLException e) {
            throw refused(e);
        }
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
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    private Connection connect() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", admin.username());
        credentials.setProperty("password", admin.password());
        return DriverManager.getConnection(admin.jdbcUrl(), credentials);
    }

    private IllegalStateException refused(SQLException e) {
        return new IllegalStateException(
                "PostgreSQL at " + admin + " refused: " + e.getMessage()
                        + " (set TEST_DATABASE_URL to use another server)",
                e);
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
