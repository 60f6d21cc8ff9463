package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.PostgresDatabase;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** The project's migrations applied by Flyway, as the service does on start with {@code DATABASE_MIGRATE=true}. */
public final class Migrations {

    private Migrations() {}

    public static void apply(PostgresDatabase database, Path directory) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("filesystem:" + directory.toAbsolutePath())
                .load()
                .migrate();
    }
}
