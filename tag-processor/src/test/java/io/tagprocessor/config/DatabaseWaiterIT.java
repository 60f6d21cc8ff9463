package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseWaiterIT {

    private static PostgresDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = TestInfrastructure.get().newDatabase("db_waiter");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void startupFailsWithAClearMessageWhenNothingListensBeforeTheTimeout() throws IOException {
        int closedPort = closedPort();

        DatabaseTestContext.runner(
                        "postgresql://app:s3cret@127.0.0.1:" + closedPort + "/tags",
                        "tag-processor.database.startup-timeout=1s",
                        "tag-processor.database.startup-initial-backoff=100ms",
                        "tag-processor.database.startup-max-backoff=400ms")
                .run(context -> assertThat(DatabaseTestContext.startupFailure(context))
                        .hasMessageStartingWith(
                                "database at jdbc:postgresql://127.0.0.1:" + closedPort + "/tags not reachable after ")
                        .hasMessageMatching(".* after [2-6] attempts in \\d+ ms \\(startup timeout PT1S\\).*")
                        .hasMessageContaining("last reason: \"08001 ")
                        .hasMessageNotContaining("s3cret"));
    }

    @Test
    void waitsForADatabaseThatStartsAcceptingConnectionsLater() throws SQLException {
        DatabaseUrl url =
                DatabaseUrl.parse(database.jdbcUrl()).withCredentials(database.username(), database.password());
        List<Duration> waits = new ArrayList<>();
        String otherDatabase = url.jdbcUrl().replace("/" + database.name(), "/postgres");
        try (Connection admin = DriverManager.getConnection(otherDatabase, url.username(), url.password())) {
            execute(admin, "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
            DatabaseWaiter waiter = new DatabaseWaiter(
                    Duration.ofSeconds(30),
                    Duration.ofMillis(250),
                    Duration.ofSeconds(1),
                    InstantSource.system(),
                    wait -> {
                        waits.add(wait);
                        execute(admin, "ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
                    });

            waiter.await(url, DatabaseWaiter.connectingTo(url));
        }

        assertThat(waits).containsExactly(Duration.ofMillis(250));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void execute(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
