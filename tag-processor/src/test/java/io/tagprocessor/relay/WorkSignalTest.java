package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.tagprocessor.outbox.OutboxRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The leader's wait ends at a wake-up from this process, at a NOTIFY from another, or when it is over. */
class WorkSignalTest {

    private static final Duration LONG = Duration.ofMinutes(1);
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final Connection connection = mock(Connection.class);
    private final PGConnection notifications = mock(PGConnection.class);
    private final OutboxRepository outbox = mock(OutboxRepository.class);
    private final ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopOtherThread() {
        other.shutdownNow();
    }

    @Test
    void listeningRegistersTheInProcessWakeUpUntilTheTermEnds() throws SQLException {
        WorkSignal signal = listening();
        ArgumentCaptor<Runnable> registered = ArgumentCaptor.forClass(Runnable.class);
        verify(outbox).wakeInProcess(registered.capture());

        signal.close();

        verify(outbox).stopWakingInProcess(registered.getValue());
    }

    @Test
    void aRelayThatOnlyPollsNeitherListensNorRegisters() throws SQLException {
        WorkSignal signal = WorkSignal.listen(connection, outbox, false);

        assertThat(elapsed(() -> signal.await(Duration.ofMillis(50), () -> true)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));
        verifyNoInteractions(connection, outbox);
    }

    @Test
    void aWakeUpBeforeTheWaitEndsItAtOnce() throws SQLException {
        WorkSignal signal = listening();
        signal.wake();

        assertThat(elapsed(() -> signal.await(LONG, () -> true))).isLessThan(BOUND);
    }

    @Test
    void aWakeUpFromAnotherThreadEndsTheWait() throws SQLException {
        WorkSignal signal = listening();
        other.schedule(signal::wake, 50, TimeUnit.MILLISECONDS);

        assertThat(elapsed(() -> signal.await(LONG, () -> true))).isLessThan(BOUND);
    }

    @Test
    void aNotifyFromAnotherProcessEndsTheWait() throws SQLException {
        WorkSignal signal = listening();
        when(notifications.getNotifications())
                .thenReturn(new PGNotification[0])
                .thenReturn(null)
                .thenReturn(new PGNotification[] {mock(PGNotification.class)});

        assertThat(elapsed(() -> signal.await(LONG, () -> true))).isLessThan(BOUND);
    }

    @Test
    void aRelayThatStopsStopsWaiting() throws SQLException {
        WorkSignal signal = listening();

        assertThat(elapsed(() -> signal.await(LONG, () -> false))).isLessThan(BOUND);
    }

    @Test
    void withoutWakeUpOrNotifyTheWaitRunsItsCourse() throws SQLException {
        WorkSignal signal = listening();

        assertThat(elapsed(() -> signal.await(Duration.ofMillis(100), () -> true)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    private WorkSignal listening() throws SQLException {
        when(connection.createStatement()).thenReturn(mock(Statement.class));
        when(connection.unwrap(PGConnection.class)).thenReturn(notifications);
        return WorkSignal.listen(connection, outbox, true);
    }

    private interface Wait {
        void run() throws SQLException;
    }

    private static Duration elapsed(Wait wait) throws SQLException {
        long start = System.nanoTime();
        wait.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
