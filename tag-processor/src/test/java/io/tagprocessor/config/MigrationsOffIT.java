package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
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
                    .hasMessageStartingWith("schema validation failed: pending migrations "
                            + String.join(", ", migrations()) + " (tag-processor.database.migrate is false")
                    .hasMessageContaining("missing table tags;")
                    .hasMessageContaining("missing table outbox;");
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
                .hasMessageStartingWith("schema validation failed: pending migrations "
                        + String.join(", ", migrations().subList(1, migrations().size())) + " (")
                .hasMessageContaining("; missing table processed_events; missing table outbox;")
                .hasMessageNotContaining("missing table tags"));
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
                    .isEqualTo((long) migrations().size());
        });
    }

    /** The migration files of the code, in version order. */
    private static List<String> migrations() {
        try {
            return Arrays.stream(
                            new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*.sql"))
                    .map(Resource::getFilename)
                    .sorted(Comparator.comparingInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApplicationContextRunner runner() {
        return DatabaseTestContext.runner(
                database.jdbcUrl(),
                "tag-processor.database.username=" + database.username(),
                "tag-processor.database.migrate=false");
    }
}
