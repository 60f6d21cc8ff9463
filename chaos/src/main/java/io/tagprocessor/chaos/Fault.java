package io.tagprocessor.chaos;

/** One fault, fired once the service has processed {@code at} (0..1) of the run's records. */
public record Fault(double at, Kind kind) {

    /** What the harness breaks. */
    public enum Kind {
        /** SIGKILL one running instance at a random instant, start it again after a short pause */
        KILL,
        /** pg_terminate_backend on every connection of the service (consumer pool and relay) */
        TERMINATE_CONNECTIONS,
        /** a second instance joins the consumer group (rebalance; it stands by for the relay) */
        SECOND_INSTANCE_JOINS,
        /** the first instance stops gracefully and comes back: the relay moves to the second instance */
        FIRST_INSTANCE_BOUNCES,
        /** the second instance leaves the group gracefully */
        SECOND_INSTANCE_LEAVES,
        /** broker stopped; while it is down an instance is killed; broker and instance started again */
        BROKER_RESTART,
        /**
         * SIGSTOP one running instance (the relay leader when there is one) for longer than the relay's
         * lease, then SIGCONT: a standby takes over, the thawed former leader is fenced
         */
        FREEZE
    }
}
