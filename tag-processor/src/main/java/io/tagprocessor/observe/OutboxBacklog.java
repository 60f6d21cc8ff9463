package io.tagprocessor.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tagprocessor.outbox.OutboxBacklogRepository;
import java.time.Duration;

/**
 * The outbox backlog, sampled at most once per interval and shared by the readiness check and the
 * gauges {@code tag_processor.outbox.backlog} (rows waiting, counted up to {@link #COUNT_CAP}) and
 * {@code tag_processor.outbox.oldest.age} (seconds; rises steadily while the relay is stuck), and
 * {@code tag_processor.outbox.parked} (rows waiting in {@code outbox_parked} for an operator). A sample
 * that failed (database unreachable) reports NaN to the gauges and DOWN to readiness.
 */
final class OutboxBacklog implements MeterBinder {

    /** Counting stops here: a stuck relay's backlog is plain long before, and the count stays cheap. */
    static final long COUNT_CAP = 1_000_000;

    private final OutboxBacklogRepository repository;
    private final long intervalNanos;
    private Sample last;

    OutboxBacklog(OutboxBacklogRepository repository, Duration interval) {
        this.repository = repository;
        this.intervalNanos = interval.toNanos();
    }

    /** One look at the outbox: the backlog, or why it could not be read. */
    record Sample(OutboxBacklogRepository.Backlog backlog, RuntimeException failure, long takenNanos) {

        double rows() {
            return backlog == null ? Double.NaN : backlog.rows();
        }

        double oldestAgeSeconds() {
            return backlog == null ? Double.NaN : backlog.oldestAgeSeconds();
        }

        double parked() {
            return backlog == null ? Double.NaN : backlog.parked();
        }
    }

    synchronized Sample current() {
        long now = System.nanoTime();
        if (last == null || now - last.takenNanos() >= intervalNanos) {
            last = take(now);
        }
        return last;
    }

    private Sample take(long now) {
        try {
            return new Sample(repository.backlog(COUNT_CAP), null, now);
        } catch (RuntimeException e) {
            return new Sample(null, e, now);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tag_processor.outbox.backlog", this, b -> b.current().rows())
                .description("Outbox rows waiting for the relay (counted up to " + COUNT_CAP + ")")
                .register(registry);
        Gauge.builder("tag_processor.outbox.oldest.age", this, b -> b.current().oldestAgeSeconds())
                .description("Age of the oldest outbox row; grows while the relay is stuck")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("tag_processor.outbox.parked", this, b -> b.current().parked())
                .description("Rows the relay parked in outbox_parked, waiting for an operator")
                .register(registry);
    }
}
