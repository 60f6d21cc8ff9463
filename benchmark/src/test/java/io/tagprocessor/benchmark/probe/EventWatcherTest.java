package io.tagprocessor.benchmark.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventWatcherTest {

    @Test
    void latencyIsSplitAtTheRelaysSend() {
        assertThat(EventWatcher.splitAtRelaySend(1_000, 1_030, 1_042)).containsExactly(30_000, 12_000);
    }

    @Test
    void aRecordTimestampOutsideSendAndArrivalCountsAtTheNearerEnd() {
        assertThat(EventWatcher.splitAtRelaySend(1_000, 990, 1_042)).containsExactly(0, 42_000);
        assertThat(EventWatcher.splitAtRelaySend(1_000, 1_100, 1_042)).containsExactly(42_000, 0);
    }

    @Test
    void anArrivalBeforeTheSendCountsAsNoTime() {
        assertThat(EventWatcher.splitAtRelaySend(1_000, 1_000, 999)).containsExactly(0, 0);
    }
}
