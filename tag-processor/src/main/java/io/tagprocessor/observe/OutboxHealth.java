package io.tagprocessor.observe;

import io.tagprocessor.config.ObserveSettings;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the outbox: DOWN when more rows wait than {@code maxOutboxBacklog} or the oldest is
 * older than {@code maxOutboxAge}, i.e. when subscribers are falling behind what the database holds.
 */
record OutboxHealth(OutboxBacklog backlog, ObserveSettings settings) implements HealthIndicator {

    @Override
    public Health health() {
        OutboxBacklog.Sample sample = backlog.current();
        if (sample.failure() != null) {
            return Health.down()
                    .withDetail("error", sample.failure().getClass().getSimpleName())
                    .build();
        }
        long rows = sample.backlog().rows();
        double age = sample.backlog().oldestAgeSeconds();
        boolean within = rows <= settings.maxOutboxBacklog()
                && age <= settings.maxOutboxAge().toSeconds();
        return (within ? Health.up() : Health.down())
                .withDetail("rows", rows)
                .withDetail("oldestAgeSeconds", Math.round(age))
                .withDetail("maxRows", settings.maxOutboxBacklog())
                .withDetail("maxAgeSeconds", settings.maxOutboxAge().toSeconds())
                .build();
    }
}
