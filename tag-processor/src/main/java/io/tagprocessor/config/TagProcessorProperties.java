package io.tagprocessor.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the service, bound from {@code tag-processor.*} (environment variables in
 * application.yml). One tree; each nested record lives in its own file.
 */
@Validated
@ConfigurationProperties("tag-processor")
public record TagProcessorProperties(
        @NotNull @DefaultValue("batch") ProcessingMode mode,
        @Valid @NotNull @DefaultValue DatabaseSettings database,
        @Valid @NotNull @DefaultValue KafkaSettings kafka,
        @Valid @NotNull @DefaultValue RegistrySettings schemaRegistry,
        @Valid @NotNull @DefaultValue TopicSettings topics,
        @Valid @NotNull @DefaultValue ConsumerSettings consumer,
        @Valid @NotNull @DefaultValue RelaySettings relay,
        @Valid @NotNull @DefaultValue FanoutSettings fanout,
        @Valid @NotNull @DefaultValue RetentionSettings retention,
        @Valid @NotNull @DefaultValue HttpSettings http,
        @Valid @NotNull @DefaultValue ObserveSettings observe) {}
