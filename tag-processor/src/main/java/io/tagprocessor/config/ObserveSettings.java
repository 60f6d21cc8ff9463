package io.tagprocessor.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health and metrics: readiness turns DOWN when the outbox holds more than {@code maxOutboxBacklog}
 * rows or its oldest row is older than {@code maxOutboxAge} (the relay is stuck or far behind); the
 * backlog is sampled at most once per {@code backlogSampleInterval} (gauges and health share the
 * sample); the Kafka clients' metrics are re-read every {@code kafkaMetricsRefresh} (new partitions
 * appear then).
 */
public record ObserveSettings(
        @Min(1) @DefaultValue("100000") long maxOutboxBacklog,
        @DurationMin(seconds = 1) @DefaultValue("5m") Duration maxOutboxAge,
        @DurationMin(millis = 100) @DefaultValue("5s") Duration backlogSampleInterval,
        @DurationMin(seconds = 1) @DefaultValue("30s") Duration kafkaMetricsRefresh) {}
