package io.tagprocessor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Statements sent together against a real PostgreSQL: each runs as a statement of its own, in order,
 * with its own row count; a later one starts after an earlier one's lock wait, so it reads what the
 * lock holder committed; one failing fails them all and the transaction keeps none of their writes.
 */
class StatementPipelineIT {

    private PostgresDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;

    @BeforeEach
    void database() {
        database = TestInfrastructure.get().newDatabase("statement_pipeline");
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        jdbc.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void statementsRunInOrderEachWithItsOwnRowCount() {
        List<String> read = new ArrayList<>();

        int[] counts = transactions.execute(status -> new StatementPipeline()
                .write(ArrayStatement.of("INSERT INTO notes SELECT * FROM unnest(?::int[], ?::text[])")
                        .array("int4", new Object[] {1, 2, 3})
                        .array("text", new Object[] {"a", "b", "c"}))
                .write(ArrayStatement.of("UPDATE notes SET text = ? WHERE id = ANY (?::int[])")
                        .value("changed")
                        .array("int4", new Object[] {2, 3}))
                .read(ArrayStatement.of("SELECT id || '=' || text FROM notes ORDER BY id"), rs -> {
                    read.add(rs.getString(1));
                })
                .run(jdbc));

        assertThat(counts).containsExactly(3, 2, -1);
        assertThat(read).containsExactly("1=a", "2=changed", "3=changed");
        assertThat(new StatementPipeline().run(null)).isEmpty();
    }

    @Test
    void aLaterStatementReadsWhatCommittedWhileAnEarlierOneWaitedForItsLock() throws Exception {
        jdbc.update("INSERT INTO notes VALUES (1, 'before')");
        TransactionTemplate holder = transactions;
        CompletableFuture<Void> holderMayCommit = new CompletableFuture<>();
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> holder.executeWithoutResult(status -> {
            jdbc.update("UPDATE notes SET text = 'after' WHERE id = 1");
            holderMayCommit.join();
        }));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rowLocked());

        List<String> read = new ArrayList<>();
        CompletableFuture<int[]> pipelined =
                CompletableFuture.supplyAsync(() -> transactions.execute(status -> new StatementPipeline()
                        .read(
                                ArrayStatement.of("SELECT id FROM notes WHERE id = ANY (?::int[]) FOR UPDATE")
                                        .array("int4", new Object[] {1}),
                                rs -> {})
                        .read(
                                ArrayStatement.of("SELECT text FROM notes WHERE id = ANY (?::int[])")
                                        .array("int4", new Object[] {1}),
                                rs -> {
                                    read.add(rs.getString(1));
                                })
                        .run(jdbc)));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted", Long.class) > 0);
        assertThat(pipelined).isNotDone();
        holderMayCommit.complete(null);
        held.get(30, TimeUnit.SECONDS);

        assertThat(pipelined.get(30, TimeUnit.SECONDS)).containsExactly(-1, -1);
        assertThat(read).containsExactly("after");
    }

    @Test
    void aFailingStatementFailsThePipelineAndTheTransactionKeepsNoneOfItsWrites() {
        jdbc.update("INSERT INTO notes VALUES (1, 'kept')");

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> new StatementPipeline()
                        .write(ArrayStatement.of("INSERT INTO notes VALUES (2, 'first')"))
                        .write(ArrayStatement.of("INSERT INTO notes VALUES (1, 'duplicate')"))
                        .write(ArrayStatement.of("INSERT INTO notes VALUES (3, 'after the failure')"))
                        .run(jdbc)))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(jdbc.queryForList("SELECT id || '=' || text FROM notes ORDER BY id", String.class))
                .containsExactly("1=kept");
    }

    private boolean rowLocked() {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'transactionid' AND mode = 'ExclusiveLock'"
                                + " AND pid <> pg_backend_pid()",
                        Long.class)
                > 0;
    }
}
