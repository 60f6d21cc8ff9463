package io.tagprocessor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fan-out of tag renames and deletes: how many entities one chunk (one transaction) changes,
 * how often an idle worker looks for a job (a rename or delete committed by this instance wakes it
 * at once), and how long it waits after a failed chunk before it tries again.
 */
public record FanoutSettings(
        @Min(1) @Max(10000) @DefaultValue("1000") int chunkSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1s") Duration errorBackoff) {}
