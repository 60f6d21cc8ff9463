package io.tagprocessor.benchmark.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.benchmark.CommandLine;
import io.tagprocessor.benchmark.stack.Migrations;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The read dataset fits the schema as the project's migrations leave it (it once lagged behind V10). */
class ApiDatasetIT {

    @Test
    void fillsTheMigratedSchemaWithEveryTagEntityAndAssignment() throws SQLException {
        try (PostgresDatabase database = PostgresServer.shared().create("api_dataset_it")) {
            Migrations.apply(database, Path.of(CommandLine.builtIn().getProperty("migrations.dir")));
            try (Connection connection = database.connect();
                    Statement statement = connection.createStatement()) {
                assertThat(new ApiDataset(1000, 40, 10).load(connection)).isEqualTo(40 * 10);
                assertThat(count(statement, "SELECT count(*) FROM tags WHERE event_key = 'tag:' || normalized_name"))
                        .isEqualTo(1000);
                assertThat(count(statement, "SELECT count(*) FROM entities WHERE version = 10"))
                        .isEqualTo(40);
            }
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
