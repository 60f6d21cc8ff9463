package io.tagprocessor.relay;

import io.tagprocessor.config.LogScope;
import io.tagprocessor.outbox.OutboxRepository.StoredOutboxRow;
import io.tagprocessor.outbox.OutboxRow;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The log context of one outbox row on the relay's thread: its {@code eventId} and the
 * {@code commandId} that caused it (the row's causation id), the same keys the consumer logs under,
 * so one search finds a command's whole path. The scope restores what it found when it closes.
 */
final class RowMdc {

    private RowMdc() {}

    static LogScope of(OutboxRow row) {
        LogScope scope = LogScope.open();
        MDC.put("eventId", row.eventId().toString());
        if (row.causationId() != null) {
            MDC.put("commandId", row.causationId());
        }
        return scope;
    }

    /** One DEBUG line per published row, in the row's log context. */
    static void logPublished(Logger log, List<StoredOutboxRow> rows) {
        if (!log.isDebugEnabled()) {
            return;
        }
        for (StoredOutboxRow stored : rows) {
            try (LogScope scope = of(stored.row())) {
                log.debug(
                        "event=event_published topic={} event_type={}",
                        stored.row().topic(),
                        stored.row().eventType());
            }
        }
    }
}
