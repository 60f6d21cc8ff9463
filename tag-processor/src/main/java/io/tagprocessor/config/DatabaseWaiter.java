package io.tagprocessor.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds startup until the database accepts a connection, so a container race ends in a wait
 * instead of a crash. Retries with exponential backoff (initial, doubling, capped at max) until the
 * startup timeout has passed, with one log line per attempt, then fails naming the target and the
 * last reason. Authentication errors (SQL state class 28) fail at once: waiting does not fix them.
 * Never sees or logs more than the redacted URL.
 */
final class DatabaseWaiter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseWaiter.class);
    private static final Duration MIN_ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    /** One try at reaching the database, allowed to take about {@code timeout}. */
    @FunctionalInterface
    interface Attempt {
        void run(Duration timeout) throws SQLException;
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration timeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final InstantSource clock;
    private final Sleeper sleeper;

    DatabaseWaiter(
            Duration timeout, Duration initialBackoff, Duration maxBackoff, InstantSource clock, Sleeper sleeper) {
        this.timeout = timeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    static DatabaseWaiter of(DatabaseSettings settings) {
        return new DatabaseWaiter(
                settings.startupTimeout(),
                settings.startupInitialBackoff(),
                settings.startupMaxBackoff(),
                InstantSource.system(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** Opens (and closes) one JDBC connection to {@code url} with a bounded connect and login time. */
    static Attempt connectingTo(DatabaseUrl url) {
        return timeout -> {
            String seconds = String.valueOf(Math.max(1, timeout.toSeconds()));
            Properties properties = new Properties();
            properties.setProperty("connectTimeout", seconds);
            properties.setProperty("loginTimeout", seconds);
            if (url.username() != null) {
                properties.setProperty("user", url.username());
            }
            if (url.password() != null) {
                properties.setProperty("password", url.password());
            }
            try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties)) {
                if (!connection.isValid(Integer.parseInt(seconds))) {
                    throw new SQLException("connection opened but failed its validity check", "08006");
                }
            }
        };
    }

    /** Returns once {@code attempt} succeeds; throws {@link IllegalStateException} when it gives up. */
    void await(DatabaseUrl url, Attempt attempt) {
        String target = url.redactedJdbcUrl();
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Duration backoff = initialBackoff;
        for (int number = 1; ; number++) {
            try {
                attempt.run(attemptTimeout(Duration.between(clock.instant(), deadline)));
                log.info("database_ready attempts={} elapsed_ms={} url={}", number, elapsedMillis(start), target);
                return;
            } catch (SQLException e) {
                String reason = reason(e);
                Duration left = Duration.between(clock.instant(), deadline);
                if (isAuthenticationFailure(e) || left.isNegative() || left.isZero()) {
                    log.error(
                            "database_wait_failed attempts={} elapsed_ms={} url={} reason={}",
                            number,
                            elapsedMillis(start),
                            target,
                            reason);
                    throw new IllegalStateException(failure(target, number, start, e, reason), e);
                }
                Duration next = min(backoff, left);
                log.warn(
                        "database_wait attempt={} next_in={}ms url={} reason={}",
                        number,
                        next.toMillis(),
                        target,
                        reason);
                sleep(next);
                backoff = min(backoff.multipliedBy(2), maxBackoff);
            }
        }
    }

    private String failure(String target, int attempts, Instant start, SQLException e, String reason) {
        if (isAuthenticationFailure(e)) {
            return "database at " + target + " refused the login (" + reason
                    + "); check DATABASE_URL, DATABASE_USERNAME and DATABASE_PASSWORD";
        }
        return "database at " + target + " not reachable after " + attempts + " attempts in " + elapsedMillis(start)
                + " ms (startup timeout " + timeout + "); last reason: " + reason
                + "; check DATABASE_URL and that PostgreSQL is running";
    }

    private void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    private long elapsedMillis(Instant start) {
        return Duration.between(start, clock.instant()).toMillis();
    }

    private static Duration attemptTimeout(Duration left) {
        Duration bounded = min(left, MAX_ATTEMPT_TIMEOUT);
        return bounded.compareTo(MIN_ATTEMPT_TIMEOUT) < 0 ? MIN_ATTEMPT_TIMEOUT : bounded;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean isAuthenticationFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("28");
    }

    private static String reason(SQLException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        String text = (e.getSQLState() == null ? "" : e.getSQLState() + " ") + message;
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
