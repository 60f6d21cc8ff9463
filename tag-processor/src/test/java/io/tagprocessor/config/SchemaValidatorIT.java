package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Each broken schema lives in a rolled-back transaction, so every test sees the migrated schema. */
class SchemaValidatorIT {

    private static PostgresDatabase database;
    private static Flyway flyway;

    @BeforeAll
    static void createMigratedDatabase() {
        database = TestInfrastructure.get().newDatabase("db_schema");
        flyway = DatabaseTestContext.flyway(database);
        flyway.migrate();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void acceptsTheMigratedSchema() throws SQLException {
        try (Connection connection = openTransaction()) {
            assertThatNoException().isThrownBy(validator(connection)::validate);
        }
    }

    @Test
    void namesAMissingTable() throws SQLException {
        try (Connection connection = openTransaction()) {
            execute(connection, "DROP TABLE outbox");

            assertThatIllegalStateException()
                    .isThrownBy(validator(connection)::validate)
                    .withMessage("schema validation failed: missing table outbox");
        }
    }

    @Test
    void namesEveryMissingColumn() throws SQLException {
        try (Connection connection = openTransaction()) {
            execute(connection, "ALTER TABLE processed_events DROP COLUMN outcome");
            execute(connection, "ALTER TABLE tags DROP COLUMN color");

            assertThatIllegalStateException()
                    .isThrownBy(validator(connection)::validate)
                    .withMessage("schema validation failed: missing column tags.color;"
                            + " missing column processed_events.outcome");
        }
    }

    private static SchemaValidator validator(Connection connection) {
        return new SchemaValidator(JdbcClient.create(new SingleConnectionDataSource(connection, true)), flyway, true);
    }

    /** A connection whose changes are rolled back when it closes. */
    private static Connection openTransaction() throws SQLException {
        Connection connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
        connection.setAutoCommit(false);
        return connection;
    }

    private static void execute(Connection connection, String ddl) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }
}
