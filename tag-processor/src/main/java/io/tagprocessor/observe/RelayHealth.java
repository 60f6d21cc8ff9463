package io.tagprocessor.observe;

import io.tagprocessor.relay.OutboxRelay;
import io.tagprocessor.store.AdvisoryLocks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the relay: UP when this instance leads, when another instance holds the leader lock
 * (seen in {@code pg_locks}), or when this instance's relay runs and stands by to take over. DOWN
 * when no instance leads and this one runs no relay ({@code RELAY_ENABLED=false}): nothing would
 * publish the outbox.
 */
final class RelayHealth implements HealthIndicator {

    private final ObjectProvider<OutboxRelay> relays;
    private final AdvisoryLocks locks;

    RelayHealth(ObjectProvider<OutboxRelay> relays, AdvisoryLocks locks) {
        this.relays = relays;
        this.locks = locks;
    }

    @Override
    public Health health() {
        OutboxRelay relay = relays.getIfAvailable();
        if (relay != null && relay.isLeader()) {
            return Health.up().withDetail("role", "leader").build();
        }
        boolean leaderElsewhere = locks.isHeld(OutboxRelay.leaderLockKey());
        boolean standingBy = relay != null && relay.isRunning();
        if (leaderElsewhere) {
            return Health.up()
                    .withDetail("role", standingBy ? "standby" : "disabled")
                    .withDetail("leader", "another instance")
                    .build();
        }
        if (standingBy) {
            return Health.up()
                    .withDetail("role", "standby")
                    .withDetail("leader", "none yet; this instance takes over")
                    .build();
        }
        return Health.down()
                .withDetail("role", relay == null ? "disabled" : "stopped")
                .withDetail("leader", "none")
                .build();
    }
}
