package io.tagprocessor.config;

import java.util.Map;
import org.slf4j.MDC;

/**
 * A change to the current thread's log context (MDC) that is undone when it closes: the context found
 * when it opened comes back, so nested scopes (a batch, then one of its records) leave nothing behind
 * on a pooled thread. The command path and the relay open theirs with their own keys.
 */
public final class LogScope implements AutoCloseable {

    private final Map<String, String> previous;

    private LogScope(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Remembers the thread's log context; what is put into the MDC after this is undone by {@link #close()}. */
    public static LogScope open() {
        return new LogScope(MDC.getCopyOfContextMap());
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
