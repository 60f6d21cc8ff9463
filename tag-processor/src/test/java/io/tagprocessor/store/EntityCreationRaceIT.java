package io.tagprocessor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.tagging.AssignmentRow;
import io.tagprocessor.tagging.Audit;
import io.tagprocessor.tagging.EntityRow;
import io.tagprocessor.tagging.EntityWrites;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two transactions that see the same entity for the first time at once (no row to lock, so both read
 * "no version"): the second waits for the first's insert and fails transiently instead of overwriting
 * it with a second version 1; its retry locks the row and reads version 1.
 */
class EntityCreationRaceIT {

    private static final EntityRow NEW_ENTITY = new EntityRow("article", "race-1");

    private PostgresDatabase database;
    private JdbcTemplate jdbc;
    private EntityBatchRepository entities;
    private TransactionTemplate transactions;

    @BeforeEach
    void migratedDatabase() {
        database = TestInfrastructure.get().newDatabase("entity_race");
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load()
                .migrate();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        jdbc = new JdbcTemplate(dataSource);
        entities = new EntityBatchRepository(jdbc);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void theSecondOfTwoBatchesCreatingTheSameEntityWaitsFailsTransientlyAndItsRetryReadsTheFirstVersion()
            throws Exception {
        CountDownLatch bothRead = new CountDownLatch(2);
        CountDownLatch firstMayCommit = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            long read = entities.lock(List.of(NEW_ENTITY)).version(NEW_ENTITY);
            bothRead.countDown();
            await(bothRead);
            entities.write(firstVersion(read + 1));
            await(firstMayCommit);
            return read;
        }));
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            long read = entities.lock(List.of(NEW_ENTITY)).version(NEW_ENTITY);
            bothRead.countDown();
            await(bothRead);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> versionRowsBeingWritten() > 0);
            entities.write(firstVersion(read + 1));
            return read;
        }));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE NOT granted", Long.class) > 0);
        assertThat(second).isNotDone();
        firstMayCommit.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConcurrencyFailureException.class);
        Long retried = transactions.execute(
                status -> entities.lock(List.of(NEW_ENTITY)).version(NEW_ENTITY));
        assertThat(retried).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT version FROM entities", Long.class))
                .isEqualTo(1L);
    }

    /** The entity's first version and its first tag: both batches assign the same one. */
    private static EntityWrites firstVersion(long version) {
        Audit audit = new Audit("race-test", Instant.now(), "test", UUID.randomUUID());
        return new EntityWrites(
                Map.of(NEW_ENTITY, version),
                Map.of(),
                List.of(),
                List.of(new AssignmentRow(NEW_ENTITY, 1, audit)),
                Instant.now());
    }

    /** Inserts of entity rows not yet committed, seen from outside: the first batch has written its version. */
    private long versionRowsBeingWritten() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM pg_locks WHERE relation = 'entities'::regclass AND mode = 'RowExclusiveLock'",
                Long.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
