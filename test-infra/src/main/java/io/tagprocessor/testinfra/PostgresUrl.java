package io.tagprocessor.testinfra;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL connection address parsed from either {@code jdbc:postgresql://host:port/db?user=…}
 * or {@code postgresql://user:pass@host:port/db}. Credentials are kept apart from the JDBC URL so
 * that the URL can be printed; {@link #toString()} never shows the password.
 */
public record PostgresUrl(String host, int port, String database, String username, String password, String parameters) {

    private static final int DEFAULT_PORT = 5432;
    private static final String JDBC_PREFIX = "jdbc:";
    private static final String FORMS =
            "expected jdbc:postgresql://host:port/db or postgresql://user:pass@host:port/db";

    public PostgresUrl {
        parameters = parameters == null ? "" : parameters;
    }

    /** Parses both URL forms; the exception message never repeats the URL, which may hold a password. */
    public static PostgresUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Database URL is empty: " + FORMS);
        }
        String trimmed = url.strip();
        String uriText = trimmed.startsWith(JDBC_PREFIX) ? trimmed.substring(JDBC_PREFIX.length()) : trimmed;
        if (!uriText.startsWith("postgresql://") && !uriText.startsWith("postgres://")) {
            throw new IllegalArgumentException("Unsupported database URL scheme: " + FORMS);
        }
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("Malformed database URL at index " + e.getIndex() + ": " + FORMS);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "Database URL has no host (multi-host URLs are not supported): " + FORMS);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Database URL names no database: " + FORMS);
        }
        String[] credentials = credentialsFrom(uri.getRawUserInfo());
        List<String> kept = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String key = decode(pair.split("=", 2)[0]);
                String value = pair.contains("=") ? decode(pair.split("=", 2)[1]) : "";
                switch (key) {
                    case "user" -> credentials[0] = value;
                    case "password" -> credentials[1] = value;
                    default -> kept.add(pair);
                }
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new PostgresUrl(
                uri.getHost(), port, decode(path), credentials[0], credentials[1], String.join("&", kept));
    }

    /** The JDBC URL without credentials. */
    public String jdbcUrl() {
        String query = parameters.isEmpty() ? "" : "?" + parameters;
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + query;
    }

    public PostgresUrl withDatabase(String otherDatabase) {
        return new PostgresUrl(host, port, otherDatabase, username, password, parameters);
    }

    /** Fills in credentials the URL did not carry. */
    public PostgresUrl withDefaultCredentials(String defaultUsername, String defaultPassword) {
        return new PostgresUrl(
                host,
                port,
                database,
                username == null ? defaultUsername : username,
                password == null ? defaultPassword : password,
                parameters);
    }

    @Override
    public String toString() {
        String user = username == null ? "" : username + "@";
        return "postgresql://" + user + host + ":" + port + "/" + database;
    }

    private static String[] credentialsFrom(String rawUserInfo) {
        if (rawUserInfo == null) {
            return new String[] {null, null};
        }
        int colon = rawUserInfo.indexOf(':');
        if (colon < 0) {
            return new String[] {decode(rawUserInfo), null};
        }
        return new String[] {decode(rawUserInfo.substring(0, colon)), decode(rawUserInfo.substring(colon + 1))};
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
