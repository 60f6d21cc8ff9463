package io.tagprocessor.relay;

import io.micrometer.core.instrument.Timer;
import io.tagprocessor.outbox.OutboxRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the head of the outbox cheap to read, for one term of the leader. The relay reads the oldest
 * rows by id and deletes what it published; a deleted row stays in the table and in its index as a
 * dead version until the table is vacuumed, and every read of the head steps over all of them (at
 * 200,000 dead rows one read took 4 ms instead of 0.1 ms). Autovacuum looks at a table at most once a
 * minute by default and not at all where it is off, so the leader vacuums the outbox itself after
 * every {@code afterRows} rows it deleted (0: never): on a connection and a thread of its own, one
 * vacuum at a time, so that publishing never waits for it. PostgreSQL lets only the table's owner
 * vacuum it; where the service's user is not the owner, the database skips the table with a
 * warning, which is logged once, and the term stops trying.
 */
final class OutboxVacuum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxVacuum.class);

    private final RelayConnections connections;
    private final OutboxRepository outbox;
    private final int afterRows;
    private final Timer took;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "outbox-vacuum");
        thread.setDaemon(true);
        return thread;
    });
    private Connection connection;
    private long deletedSinceLast;
    private Future<?> running = CompletableFuture.completedFuture(null);
    private volatile boolean refused;

    OutboxVacuum(RelayConnections connections, OutboxRepository outbox, int afterRows, Timer took) {
        this.connections = connections;
        this.outbox = outbox;
        this.afterRows = afterRows;
        this.took = took;
    }

    /** Counts rows the relay deleted; starts a vacuum once enough were and none is running. */
    void deleted(int rows) {
        if (afterRows == 0 || refused) {
            return;
        }
        deletedSinceLast += rows;
        if (deletedSinceLast >= afterRows && running.isDone()) {
            deletedSinceLast = 0;
            running = runner.submit(() -> took.record(this::vacuum));
        }
    }

    /** True once the database refused to let this user vacuum the outbox. */
    boolean refused() {
        return refused;
    }

    private void vacuum() {
        try {
            if (connection == null) {
                connection = connections.open();
            }
            outbox.vacuum(connection).ifPresent(warning -> {
                refused = true;
                log.warn("event=outbox_vacuum_refused action=left_to_autovacuum warning=\"{}\"", warning);
            });
        } catch (SQLException | RuntimeException e) { // logged here: nobody reads the task's Future
            log.warn("event=outbox_vacuum_failed error={}", e.toString());
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("event=outbox_vacuum_close_failed error={}", e.toString());
            }
            connection = null;
        }
    }

    /** The term ended: a running vacuum finishes on its own, then the connection closes. */
    @Override
    public void close() {
        runner.execute(this::closeConnection);
        runner.shutdown();
    }
}
