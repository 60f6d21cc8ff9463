package io.tagprocessor.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The harness inside {@code ./mvnw verify}: the short mode by default, the full one with
 * {@code -Pchaos-full}. Fails with every violation listed.
 */
class ChaosHarnessIT {

    @Test
    void nothingLostNothingDoubledUnderKillsAndCutConnections() throws Exception {
        ChaosSettings settings = ChaosMain.fromSystemProperties();
        Summary summary = ChaosRun.execute(settings);
        ChaosMain.report(settings, summary);

        assertThat(summary.violations()).as(summary.line()).isEmpty();
        assertThat(summary.kills()).isGreaterThanOrEqualTo(1);
        assertThat(summary.duplicates()).isPositive();
        assertThat(summary.deadLettered()).isPositive();
    }
}
