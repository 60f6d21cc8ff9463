package io.tagprocessor.benchmark.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Creates a fresh database per service run on the local PostgreSQL and drops them all at the end,
 * so every run starts from empty tables and leaves nothing behind.
 */
public final class Databases implements AutoCloseable {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{1,30}");
    // identifiers cannot be bound; %s only ever receives a name built from a validated prefix and hex
    private static final String CREATE_DATABASE = "CREATE DATABASE \"%s\"";
    private static final String DROP_DATABASE = "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)";

    private final String host;
    private final int port;
    private final String username;
    private final List<String> created = new ArrayList<>();

    public Databases(String host, int port, String username) {
        this.host = host;
        this.port = port;
        this.username = username;
    }

    public String username() {
        return username;
    }

    /** A new empty database; returns its JDBC URL. */
    public synchronized String create(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix must match " + PREFIX.pattern());
        }
        String name = prefix + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        execute(CREATE_DATABASE.formatted(name));
        created.add(name);
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, "");
    }

    @Override
    public synchronized void close() {
        created.forEach(name -> execute(DROP_DATABASE.formatted(name)));
        created.clear();
    }

    private void execute(String sql) {
        try (Connection connection = connect(jdbcUrl("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + e.getMessage(), e);
        }
    }
}
