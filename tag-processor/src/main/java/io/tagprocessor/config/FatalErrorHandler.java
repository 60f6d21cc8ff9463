package io.tagprocessor.config;

/**
 * What happens when a failure escapes a worker of the service (the relay loop, a listener container
 * thread), {@link OutOfMemoryError} included: the service must not go on looking healthy with a
 * dead worker. The production handler marks liveness broken and ends the process so that the
 * orchestrator restarts it.
 */
@FunctionalInterface
public interface FatalErrorHandler {

    void fatal(String component, Throwable error);
}
