package io.tagprocessor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The command consumer: group, threads, batch size, and the back-off for transient failures
 * (which is retried forever: a transient failure never skips a command).
 */
public record ConsumerSettings(
        @NotBlank @DefaultValue("tag-processor") String groupId,
        @Min(1) @Max(64) @DefaultValue("2") int concurrency,
        @Min(1) @Max(10000) @DefaultValue("500") int maxPollRecords,
        @Min(1024) @Max(1000000) @DefaultValue("1000000") int maxRecordBytes,
        @DefaultValue("true") boolean autoStartup,
        @DefaultValue("100ms") Duration retryInitialInterval,
        @DefaultValue("30s") Duration retryMaxInterval) {}
