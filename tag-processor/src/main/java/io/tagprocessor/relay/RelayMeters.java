package io.tagprocessor.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the relay reports: {@code tag_processor.relay.delay} (outbox row written to broker
 * acknowledgement), {@code tag_processor.relay.published}, {@code tag_processor.relay.parked},
 * {@code tag_processor.relay.outbox_vacuum} (see {@link OutboxVacuum}) and the
 * gauge {@code tag_processor.relay.leader} (1 while this instance leads).
 */
record RelayMeters(Timer delay, Counter published, Counter parked, Timer vacuum) {

    static RelayMeters register(MeterRegistry meters, AtomicBoolean leader) {
        meters.gauge("tag_processor.relay.leader", leader, l -> l.get() ? 1 : 0);
        return new RelayMeters(
                Timer.builder("tag_processor.relay.delay")
                        .description("From outbox row written to broker acknowledgement")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .register(meters),
                meters.counter("tag_processor.relay.published"),
                Counter.builder("tag_processor.relay.parked")
                        .description("Outbox rows moved to outbox_parked because the broker refused them")
                        .register(meters),
                Timer.builder("tag_processor.relay.outbox_vacuum")
                        .description("VACUUM of the outbox by the leader, after every vacuum-after-rows deleted rows")
                        .register(meters));
    }
}
