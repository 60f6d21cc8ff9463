package io.tagprocessor.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the Kafka cluster is. */
public record KafkaSettings(
        @NotBlank @DefaultValue("127.0.0.1:9092") String bootstrapServers) {}
