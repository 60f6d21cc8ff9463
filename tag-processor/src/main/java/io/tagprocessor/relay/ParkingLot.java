package io.tagprocessor.relay;

import io.micrometer.core.instrument.Counter;
import io.tagprocessor.config.LogScope;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.relay.OutboxPublisher.Refusal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for the rows the broker refused in one relay cycle (whose transaction was then aborted),
 * which to park: every refusal for good at once; otherwise the first refused row once it failed
 * {@code parkAfterAttempts} cycles in a row while other rows were accepted (so the broker works and
 * this row does not), or while its topic is missing. Only the first is counted: the rows behind a
 * failing one in a transaction fail with it, through no fault of their own. A refusal of every row
 * (broker down, credentials refused) is never counted: those rows wait, in order. Attempts are
 * counted per leadership, in memory.
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
    boolean settle(Connection connection, List<Refusal> refusals, boolean othersAccepted) throws SQLException {
        List<Refusal> permanent = refusals.stream().filter(Refusal::permanent).toList();
        if (!permanent.isEmpty()) {
            for (Refusal refusal : permanent) {
                park(connection, refusal, 1);
            }
            return permanent.size() < refusals.size();
        }
        Refusal first =
                refusals.stream().min(Comparator.comparingLong(Refusal::id)).orElseThrow();
        attempts.keySet().retainAll(Set.of(first.id()));
        int attempt = othersAccepted || isMissingTopic(first.error())
                ? attempts.merge(first.id(), 1, Integer::sum)
                : attempts.getOrDefault(first.id(), 0);
        if (attempt >= parkAfterAttempts) {
            park(connection, first, attempt);
            return refusals.size() > 1;
        }
        try (LogScope scope = RowMdc.of(first.row().row())) {
            log.warn(
                    "event=outbox_row_refused id={} topic={} attempt={} refused_rows={} error={}",
                    first.id(),
                    first.row().row().topic(),
                    attempt,
                    refusals.size(),
                    first.error().toString());
        }
        return true;
    }

    private void park(Connection connection, Refusal refusal, int attempt) throws SQLException {
        attempts.remove(refusal.id());
        if (outbox.park(connection, refusal.id(), refusal.error().toString())) {
            parked.increment();
            try (LogScope scope = RowMdc.of(refusal.row().row())) {
                log.error(
                        "event=outbox_row_parked id={} topic={} event_id={} attempts={} error={}",
                        refusal.id(),
                        refusal.row().row().topic(),
                        refusal.row().row().eventId(),
                        Math.max(attempt, 1),
                        refusal.error().toString());
            }
        }
    }

    /** The producer's answer for a topic the cluster does not have (deleted, auto-creation off). */
    private static boolean isMissingTopic(Throwable error) {
        return error instanceof TimeoutException
                && String.valueOf(error.getMessage()).contains("not present in metadata");
    }
}
