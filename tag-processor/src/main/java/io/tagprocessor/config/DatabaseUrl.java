package io.tagprocessor.config;

import java.util.regex.Pattern;

/**
 * Where the database is and who logs in: a JDBC URL that never carries credentials, plus the
 * username and password. Built from {@code DATABASE_URL} in either the JDBC form or the libpq
 * form ({@code postgresql://user:pass@host:port/db}); the password never appears in
 * {@link #toString()} or in {@link #redactedJdbcUrl()}.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&][^=&]*password=)[^&]*");

    public DatabaseUrl {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql://");
        }
    }

    /** Parses a URL in one of the accepted forms; credentials come from the URL only. */
    public static DatabaseUrl parse(String url) {
        return DatabaseUrlParser.parse(url);
    }

    /**
     * Parses {@code settings.url()} and lets a non-blank {@code username} or {@code password}
     * setting override the one in the URL.
     */
    public static DatabaseUrl from(DatabaseSettings settings) {
        return parse(settings.url()).withCredentials(settings.username(), settings.password());
    }

    /** This URL with the given credentials where they are non-blank, else the current ones. */
    public DatabaseUrl withCredentials(String username, String password) {
        return new DatabaseUrl(
                jdbcUrl, isBlank(username) ? this.username : username, isBlank(password) ? this.password : password);
    }

    /** The JDBC URL with the value of any {@code *password} parameter (e.g. sslpassword) masked. */
    public String redactedJdbcUrl() {
        return SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1****");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[jdbcUrl=" + redactedJdbcUrl() + ", username=" + username + ", password="
                + (password == null ? "null" : "****") + "]";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
