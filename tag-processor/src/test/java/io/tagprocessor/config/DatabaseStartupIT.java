package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class DatabaseStartupIT {

    private static final String SELECT_TABLES = """
            SELECT table_name
            FROM information_schema.tables
            WHERE table_schema = current_schema()
            """;
    private static final String SELECT_LOGIN = """
            SELECT current_user || '@' || current_database()
            """;

    private static PostgresDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestInfrastructure.get().newDatabase("db_startup");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void migrationsCreateEveryTableInAnEmptyDatabase() {
        DatabaseTestContext.runner(database.jdbcUrl(), "tag-processor.database.username=" + database.username())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SchemaValidator.class);
                    assertThat(JdbcClient.create(context.getBean(DataSource.class))
                                    .sql(SELECT_TABLES)
                                    .query(String.class)
                                    .list())
                            .contains("tags", "entities", "entity_tags", "processed_events", "outbox");
                });
    }

    @Test
    void jdbcFormConnectsWithSeparateCredentials() {
        String separator = database.jdbcUrl().contains("?") ? "&" : "?";
        DatabaseTestContext.runner(
                        database.jdbcUrl() + separator + "ApplicationName=tag-processor-it",
                        "tag-processor.database.username=" + database.username(),
                        "tag-processor.database.password=" + Objects.toString(database.password(), ""))
                .run(context -> assertThat(login(context.getBean(DataSource.class)))
                        .isEqualTo(database.username() + "@" + database.name()));
    }

    @Test
    void libpqFormConnectsWithPercentEncodedCredentials() {
        String userInfo = percentEncodeAll(database.username())
                + (Objects.toString(database.password(), "").isEmpty()
                        ? ""
                        : ":" + percentEncodeAll(database.password()));
        DatabaseTestContext.runner(database.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + userInfo + "@"))
                .run(context -> assertThat(login(context.getBean(DataSource.class)))
                        .isEqualTo(database.username() + "@" + database.name()));
    }

    private static String login(DataSource dataSource) {
        return JdbcClient.create(dataSource)
                .sql(SELECT_LOGIN)
                .query(String.class)
                .single();
    }

    private static String percentEncodeAll(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append(String.format("%%%02X", b));
        }
        return encoded.toString();
    }
}
