package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

/** DATABASE_MIGRATE=false: the service never migrates, and refuses to start on a schema behind the code. */
class MigrationsOffIT {

    private static final String COUNT_APPLIED_MIGRATIONS = """
            SELECT count(*)
            FROM flyway_schema_history
            WHERE success
            """;

    private PostgresDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestInfrastructure.get().newDatabase("db_nomigrate");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void emptyDatabaseFailsFastNamingThePendingMigrations() {
        runner().run(context -> {
            assertThat(DatabaseTestContext.startupFailure(context))
                    .hasMessageStartingWith("schema validation failed: pending migrations"
                            + " V1__create_tag_tables.sql, V2__create_processed_events_and_outbox.sql"
                            + " (tag-processor.database.migrate is false")
                    .hasMessageContaining("missing table tags;")
                    .hasMessageEndingWith("missing table outbox");
        });
    }

    @Test
    void databaseOneMigrationBehindNamesThatMigration() {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .target("1")
                .load()
                .migrate();

        runner().run(context -> assertThat(DatabaseTestContext.startupFailure(context))
                .hasMessageStartingWith(
                        "schema validation failed: pending migrations V2__create_processed_events_and_outbox.sql (")
                .hasMessageEndingWith("; missing table processed_events; missing table outbox"));
    }

    @Test
    void migratedDatabaseStartsWithoutMigratingAgain() {
        DatabaseTestContext.flyway(database).migrate();

        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(JdbcClient.create(context.getBean(DataSource.class))
                            .sql(COUNT_APPLIED_MIGRATIONS)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2L);
        });
    }

    private ApplicationContextRunner runner() {
        return DatabaseTestContext.runner(
                database.jdbcUrl(),
                "tag-processor.database.username=" + database.username(),
                "tag-processor.database.migrate=false");
    }
}
