package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresClusterIT {

    @BeforeAll
    static void needsServerBinaries() {
        assumeTrue(PostgresCluster.available(), "no PostgreSQL server binaries on this machine");
    }

    @Test
    void runsOnTheSettingsGivenAndLeavesNothingBehind() throws Exception {
        Path log = Path.of("target", "postgres-cluster-it-" + UUID.randomUUID(), "server.log");
        PostgresDatabase database;
        try (PostgresCluster cluster =
                PostgresCluster.start(Map.of("shared_buffers", "48MB", "cluster_name", "it's mine"), log)) {
            database = cluster.server().create("cluster_it");
            try (Connection connection = database.connect();
                    Statement statement = connection.createStatement()) {
                assertThat(value(statement, "SHOW shared_buffers")).isEqualTo("48MB");
                assertThat(value(statement, "SHOW fsync")).isEqualTo("on");
                assertThat(value(statement, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(value(statement, "SHOW cluster_name"))
                        .as("a quote in a value is kept, not closing the string early")
                        .isEqualTo("it's mine");
                statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
                statement.execute("INSERT INTO t VALUES (1)");
                assertThat(value(statement, "SELECT count(*) FROM t")).isEqualTo("1");
            }
        }

        assertThat(log).as("the server's log is kept").isNotEmptyFile();
        assertThat(Files.readString(log)).contains("database system is shut down");
        assertThatThrownBy(database::connect).as("the server is stopped").isInstanceOf(SQLException.class);
    }

    @Test
    void aClusterWhoseJvmIsGoneIsStoppedAndDeletedByTheNextStart() throws Exception {
        PostgresCluster orphan = PostgresCluster.start(Map.of(), null);
        PostgresDatabase left = orphan.server().create("orphan_it");
        Files.writeString(orphan.directory().resolve("owner"), Long.MAX_VALUE + " 0");

        try (PostgresCluster next = PostgresCluster.start(Map.of(), null)) {
            assertThat(orphan.directory()).doesNotExist();
            assertThat(next.directory()).exists();
        }
        assertThatThrownBy(left::connect).as("the orphan's server is stopped").isInstanceOf(SQLException.class);
        orphan.close();
    }

    private static String value(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
