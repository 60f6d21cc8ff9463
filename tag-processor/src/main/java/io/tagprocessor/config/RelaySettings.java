package io.tagprocessor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay: batch size, the fallback poll interval when no wake-up arrives (the only
 * trigger when {@code wakeOnCommit} is off), and how often a standby tries to take over.
 */
public record RelaySettings(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(10000) @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1s") Duration leadershipRetryInterval,
        @DefaultValue("1s") Duration errorBackoff,
        @DefaultValue("true") boolean wakeOnCommit) {

    /** The baseline relay of {@link ProcessingMode#SIMPLE}: one row at a time, on the poll interval. */
    public RelaySettings rowByRow() {
        return new RelaySettings(enabled, 1, pollInterval, leadershipRetryInterval, errorBackoff, false);
    }
}
