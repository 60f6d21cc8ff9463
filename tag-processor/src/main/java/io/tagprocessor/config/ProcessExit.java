package io.tagprocessor.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production {@link FatalErrorHandler}: logs the failure, turns liveness and readiness DOWN at
 * once (health answers DOWN while the context closes), then closes the context and exits with
 * {@link #EXIT_CODE}; if closing hangs (a JVM out of memory may not manage it), halts after
 * {@link #CLOSE_TIMEOUT}. Only the first fatal error acts.
 */
final class ProcessExit implements FatalErrorHandler {

    static final int EXIT_CODE = 70;
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ProcessExit.class);

    private final ConfigurableApplicationContext context;
    private final AtomicBoolean failed = new AtomicBoolean();

    ProcessExit(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public void fatal(String component, Throwable error) {
        if (!failed.compareAndSet(false, true)) {
            return;
        }
        log.error(
                "event=fatal_error component={} action=exit exit_code={} error={}", component, EXIT_CODE, error, error);
        AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        Thread exit = new Thread(
                () -> {
                    Thread halt = new Thread(
                            () -> {
                                sleep(CLOSE_TIMEOUT);
                                Runtime.getRuntime().halt(EXIT_CODE);
                            },
                            "fatal-error-halt");
                    halt.setDaemon(true);
                    halt.start();
                    System.exit(SpringApplication.exit(context, () -> EXIT_CODE));
                },
                "fatal-error-exit");
        exit.start();
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
