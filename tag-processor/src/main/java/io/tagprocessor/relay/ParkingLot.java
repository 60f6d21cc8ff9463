package io.tagprocessor.relay;

import io.micrometer.core.instrument.Counter;
import io.tagprocessor.relay.OutboxPublisher.Refusal;
import io.tagprocessor.store.OutboxRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for the rows the broker refused in one relay cycle, which to park: a refusal for good at
 * once; any other once it failed {@code parkAfterAttempts} cycles in a row while other rows got
 * through (so the broker works and this row does not), or while its topic is missing. A refusal of
 * every row (broker down, credentials refused) is never counted: those rows wait, in order.
 * Attempts are counted per leadership, in memory.
 */
final class ParkingLot {

    private static final Logger log = LoggerFactory.getLogger(ParkingLot.class);

    private final OutboxRepository outbox;
    private final int parkAfterAttempts;
    private final Counter parked;
    private final Map<Long, Integer> attempts = new HashMap<>();

    ParkingLot(OutboxRepository outbox, int parkAfterAttempts, Counter parked) {
        this.outbox = outbox;
        this.parkAfterAttempts = parkAfterAttempts;
        this.parked = parked;
    }

    /** Parks what must be parked; returns whether any refused row is left to retry. */
    boolean settle(Connection connection, List<Refusal> refusals, boolean othersGotThrough) throws SQLException {
        Set<Long> refused = refusals.stream().map(Refusal::id).collect(Collectors.toSet());
        attempts.keySet().retainAll(refused);
        boolean retry = false;
        for (Refusal refusal : refusals) {
            int attempt = othersGotThrough || isMissingTopic(refusal.error())
                    ? attempts.merge(refusal.id(), 1, Integer::sum)
                    : attempts.getOrDefault(refusal.id(), 0);
            try (RowMdc scope = RowMdc.of(refusal.row().row())) {
                if (refusal.permanent() || attempt >= parkAfterAttempts) {
                    park(connection, refusal, attempt);
                } else {
                    retry = true;
                    log.warn(
                            "event=outbox_row_refused id={} topic={} attempt={} error={}",
                            refusal.id(),
                            refusal.row().row().topic(),
                            attempt,
                            refusal.error().toString());
                }
            }
        }
        return retry;
    }

    private void park(Connection connection, Refusal refusal, int attempt) throws SQLException {
        attempts.remove(refusal.id());
        if (outbox.park(connection, refusal.id(), refusal.error().toString())) {
            parked.increment();
            log.error(
                    "event=outbox_row_parked id={} topic={} event_id={} attempts={} error={}",
                    refusal.id(),
                    refusal.row().row().topic(),
                    refusal.row().row().eventId(),
                    Math.max(attempt, 1),
                    refusal.error().toString());
        }
    }

    /** The producer's answer for a topic the cluster does not have (deleted, auto-creation off). */
    private static boolean isMissingTopic(Throwable error) {
        return error instanceof TimeoutException
                && String.valueOf(error.getMessage()).contains("not present in metadata");
    }
}
