package io.tagprocessor.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The outbox relay: batch size in rows and in bytes (keys and payloads; the oldest row is always
 * taken), the fallback poll interval when no wake-up arrives (the only trigger when
 * {@code wakeOnCommit} is off), how often a standby tries to take over, and after how many failed
 * attempts a row that keeps failing while the rows around it are published is parked. A leader
 * renews its lease every third of {@code leaseTimeout}; a standby takes over from a leader whose
 * lease expired (frozen, or cut off while its database session lives on). The leader vacuums the
 * outbox after every {@code vacuumAfterRows} rows it deleted (0: never; see {@code OutboxVacuum}).
 * {@code transactionalId} fences a former leader at the broker: it must be the same for every
 * instance of one deployment and differ between deployments sharing a Kafka cluster. The leader
 * publishes through {@code producers} transactional producers in turn (ids {@code transactionalId},
 * then {@code transactionalId-2}, …): a broker takes a transaction's first send only once the
 * previous transaction of the same id has its commit markers written, and Kafka retries it after
 * 20 ms; a second producer's previous transaction has had a whole cycle to finish.
 */
public record RelaySettings(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(10000) @DefaultValue("500") int batchSize,
        @DefaultValue("8MB") DataSize maxBatchBytes,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1s") Duration leadershipRetryInterval,
        @DefaultValue("1s") Duration errorBackoff,
        @DefaultValue("true") boolean wakeOnCommit,
        @Min(1) @Max(1000) @DefaultValue("5") int parkAfterAttempts,
        @DefaultValue("15s") Duration leaseTimeout,
        @Min(0) @Max(10_000_000) @DefaultValue("10000") int vacuumAfterRows,

        @NotBlank @Size(max = 200) @DefaultValue("tag-processor-relay")
        String transactionalId,

        @Min(1) @Max(4) @DefaultValue("2") int producers) {

    /** How often the baseline relay of {@link ProcessingMode#SIMPLE} polls the outbox. */
    static final Duration BASELINE_POLL_INTERVAL = Duration.ofMillis(100);

    /**
     * The baseline relay of {@link ProcessingMode#SIMPLE}, as a team would first write it: the outbox
     * polled every 100 ms and published in batches, no wake-up at commit.
     */
    public RelaySettings polledEvery100ms() {
        return new RelaySettings(
                enabled,
                batchSize,
                maxBatchBytes,
                BASELINE_POLL_INTERVAL,
                leadershipRetryInterval,
                errorBackoff,
                false,
                parkAfterAttempts,
                leaseTimeout,
                vacuumAfterRows,
                transactionalId,
                producers);
    }
}
