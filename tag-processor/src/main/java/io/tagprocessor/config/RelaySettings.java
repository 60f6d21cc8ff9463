package io.tagprocessor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The outbox relay: batch size in rows and in bytes (keys and payloads; the oldest row is always
 * taken), the fallback poll interval when no wake-up arrives (the only trigger when
 * {@code wakeOnCommit} is off), how often a standby tries to take over, and after how many failed
 * attempts a row that keeps failing while the rows around it are published is parked.
 */
public record RelaySettings(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(10000) @DefaultValue("500") int batchSize,
        @DefaultValue("8MB") DataSize maxBatchBytes,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1s") Duration leadershipRetryInterval,
        @DefaultValue("1s") Duration errorBackoff,
        @DefaultValue("true") boolean wakeOnCommit,
        @Min(1) @Max(1000) @DefaultValue("5") int parkAfterAttempts) {

    /** The baseline relay of {@link ProcessingMode#SIMPLE}: one row at a time, on the poll interval. */
    public RelaySettings rowByRow() {
        return new RelaySettings(
                enabled,
                1,
                maxBatchBytes,
                pollInterval,
                leadershipRetryInterval,
                errorBackoff,
                false,
                parkAfterAttempts);
    }
}
