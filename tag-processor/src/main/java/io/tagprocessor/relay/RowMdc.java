package io.tagprocessor.relay;

import io.tagprocessor.store.OutboxRow;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The log context of one outbox row on the relay's thread: its {@code eventId} and the
 * {@code commandId} that caused it (the row's causation id), the same keys the consumer logs under,
 * so one search finds a command's whole path. Restores what it found when it closes.
 */
final class RowMdc implements AutoCloseable {

    private final Map<String, String> previous;

    private RowMdc(Map<String, String> previous) {
        this.previous = previous;
    }

    static RowMdc of(OutboxRow row) {
        RowMdc scope = new RowMdc(MDC.getCopyOfContextMap());
        MDC.put("eventId", row.eventId().toString());
        if (row.causationId() != null) {
            MDC.put("commandId", row.causationId());
        }
        return scope;
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
