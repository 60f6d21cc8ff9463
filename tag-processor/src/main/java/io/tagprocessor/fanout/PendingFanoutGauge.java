package io.tagprocessor.fanout;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.store.FanoutRepository;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code tag_processor.fanout.pending}: assignments of renamed or deleted tags whose entity change
 * is still to come (0 when no fan-out runs). Counted at most once per {@link #INTERVAL}, as the
 * count reads the index of every pending assignment; NaN when the database cannot be read.
 */
@Component
@ConditionalOnProcessing
class PendingFanoutGauge implements MeterBinder {

    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final FanoutRepository fanouts;
    private double last = Double.NaN;
    private long takenNanos;
    private boolean taken;

    PendingFanoutGauge(FanoutRepository fanouts) {
        this.fanouts = fanouts;
    }

    synchronized double pending() {
        long now = System.nanoTime();
        if (!taken || now - takenNanos >= INTERVAL.toNanos()) {
            taken = true;
            takenNanos = now;
            try {
                last = fanouts.countPending();
            } catch (RuntimeException e) {
                last = Double.NaN;
            }
        }
        return last;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tag_processor.fanout.pending", this, PendingFanoutGauge::pending)
                .description("Assignments of renamed or deleted tags whose entity change is still to come")
                .register(registry);
    }
}
