package io.tagprocessor.devstack;

import io.tagprocessor.testinfra.PostgresServer;
import io.tagprocessor.testinfra.PostgresUrl;

/** The database named by DATABASE_URL, created through the server's postgres database if it is missing. */
final class LocalDatabase {

    static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/tagprocessor";

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
        return PostgresServer.at(database.withDatabase("postgres")).createIfMissing(database.database());
    }
}
