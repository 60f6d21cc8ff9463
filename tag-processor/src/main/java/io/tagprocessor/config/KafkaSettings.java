package io.tagprocessor.config;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the service adds to Spring Boot's {@code spring.kafka.*} (which holds the bootstrap servers,
 * security and every client property): how long the startup access check waits for the cluster.
 */
public record KafkaSettings(
        @DurationMin(millis = 100) @DefaultValue("10s") Duration startupCheckTimeout) {}
