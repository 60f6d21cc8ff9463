package io.tagprocessor.config;

import io.tagprocessor.wire.SchemaRegistry;
import io.tagprocessor.wire.WireFormatException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the schema registry: DOWN while it cannot be reached or does not answer as a
 * Confluent-API registry (commands then wait, retried, instead of being decoded), UP once it does.
 */
final class RegistryHealthIndicator implements HealthIndicator {

    private final SchemaRegistry registry;

    RegistryHealthIndicator(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        try {
            registry.checkReachable();
            return Health.up().build();
        } catch (WireFormatException e) {
            return Health.down().withDetail("error", e.getMessage()).build();
        }
    }
}
