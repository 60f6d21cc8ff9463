package io.tagprocessor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long commands are kept, and so how far back a replay or a restore can re-read:
 * {@code commands} is the {@code retention.ms} the command topic is created with
 * ({@code TOPIC_COMMANDS_RETENTION}). Claims in {@code processed_events} are kept exactly while the
 * topic holds a copy of their command; {@code pruneInterval} is how often the ones whose commands
 * have left the topic are deleted, {@code pruneBatchSize} rows per transaction.
 */
public record RetentionSettings(
        @DurationMin(hours = 1) @DefaultValue("14d") Duration commands,
        @DurationMin(seconds = 1) @DefaultValue("1h") Duration pruneInterval,
        @Min(1) @Max(100000) @DefaultValue("10000") int pruneBatchSize) {}
