package io.tagprocessor.chaos;

import io.tagprocessor.chaos.check.Findings;
import io.tagprocessor.chaos.check.Findings.Kind;
import java.util.List;

/** The figures of one run and the machine-readable line that carries them. */
public record Summary(
        String mode,
        long commands,
        long applied,
        long noEffect,
        long duplicates,
        long rejected,
        long deadLettered,
        Findings findings,
        int kills,
        long rebalances,
        int brokerRestarts,
        int connectionTerminations,
        int freezes,
        long relayHandovers,
        long events,
        long redeliveredEvents,
        long seconds) {

    public boolean passed() {
        return findings.total() == 0;
    }

    public List<String> violations() {
        return findings.report();
    }

    public String line() {
        return ("chaos: commands=%d applied=%d no_effect=%d duplicates=%d rejected=%d dlt=%d lost=%d doubled=%d"
                        + " state_mismatches=%d outcome_mismatches=%d event_mismatches=%d order_violations=%d"
                        + " kills=%d rebalances=%d broker_restarts=%d pg_terminations=%d freezes=%d relay_handovers=%d"
                        + " events=%d redelivered_events=%d seconds=%d mode=%s")
                .formatted(
                        commands,
                        applied,
                        noEffect,
                        duplicates,
                        rejected,
                        deadLettered,
                        findings.count(Kind.LOST),
                        findings.count(Kind.DOUBLED),
                        findings.count(Kind.STATE_MISMATCH),
                        findings.count(Kind.OUTCOME_MISMATCH),
                        findings.count(Kind.EVENT_MISMATCH),
                        findings.count(Kind.ORDER_VIOLATION),
                        kills,
                        rebalances,
                        brokerRestarts,
                        connectionTerminations,
                        freezes,
                        relayHandovers,
                        events,
                        redeliveredEvents,
                        seconds,
                        mode);
    }
}
