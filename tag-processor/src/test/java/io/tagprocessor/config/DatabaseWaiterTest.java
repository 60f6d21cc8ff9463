package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseWaiterTest {

    private static final DatabaseUrl URL = DatabaseUrl.parse("postgresql://app:s3cret@db/tags");

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();
    private final DatabaseWaiter waiter = new DatabaseWaiter(
            Duration.ofSeconds(10), Duration.ofMillis(250), Duration.ofSeconds(2), () -> now, duration -> {
                sleeps.add(duration);
                now = now.plus(duration);
            });

    @Test
    void backsOffExponentiallyUpToTheCapAndGivesUpAtTheTimeout(CapturedOutput output) {
        assertThatIllegalStateException()
                .isThrownBy(() -> waiter.await(URL, timeout -> {
                    throw refused();
                }))
                .withMessageStartingWith("database at jdbc:postgresql://db:5432/tags not reachable after 9 attempts")
                .withMessageContaining("startup timeout PT10S")
                .withMessageContaining("last reason: \"08001 Connection to db:5432 refused.");

        assertThat(sleeps)
                .extracting(Duration::toMillis)
                .containsExactly(250L, 500L, 1000L, 2000L, 2000L, 2000L, 2000L, 250L);
        assertThat(output)
                .contains("database_wait attempt=1 next_in=250ms url=jdbc:postgresql://db:5432/tags reason=\"08001")
                .contains("database_wait attempt=8 next_in=250ms")
                .contains("database_wait_failed attempts=9 elapsed_ms=10000")
                .doesNotContain("s3cret");
    }

    @Test
    void returnsAsSoonAsAnAttemptSucceeds(CapturedOutput output) {
        List<Duration> attemptTimeouts = new ArrayList<>();

        waiter.await(URL, timeout -> {
            attemptTimeouts.add(timeout);
            if (attemptTimeouts.size() < 3) {
                throw new SQLException("FATAL: the database system is starting up", "57P03");
            }
        });

        assertThat(attemptTimeouts)
                .hasSize(3)
                .allSatisfy(timeout -> assertThat(timeout).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertThat(sleeps).extracting(Duration::toMillis).containsExactly(250L, 500L);
        assertThat(output).contains("database_ready attempts=3 elapsed_ms=750");
    }

    @Test
    void failsAtOnceWhenTheLoginIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> waiter.await(URL, timeout -> {
                    throw new SQLException("FATAL: password authentication failed for user \"app\"", "28P01");
                }))
                .withMessageContaining("refused the login")
                .withMessageContaining("DATABASE_PASSWORD")
                .withMessageNotContaining("s3cret");
        assertThat(sleeps).isEmpty();
    }

    private static SQLException refused() {
        return new SQLException(
                "Connection to db:5432 refused. Check that the hostname and port are correct.", "08001");
    }
}
