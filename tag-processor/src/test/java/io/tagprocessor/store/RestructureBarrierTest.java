package io.tagprocessor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RestructureBarrierTest {

    @Test
    void travelsAsAHeaderAndBack() {
        RestructureBarrier barrier = new RestructureBarrier("c1", "tag-commands", 2, 41, Map.of(0, 15L, 1, 0L, 2, 40L));

        assertThat(barrier.header()).isEqualTo("tag-commands/2/41 after 0:15,1:0,2:40");
        assertThat(RestructureBarrier.fromHeader("c1", barrier.header())).contains(barrier);
        assertThat(barrier.weight()).isEqualTo(55);
    }

    @Test
    void aBarrierBeforeAnyOtherCommandHasAnEmptyList() {
        RestructureBarrier barrier = new RestructureBarrier("c1", "t", 0, 0, Map.of());

        assertThat(RestructureBarrier.fromHeader("c1", barrier.header())).contains(barrier);
    }

    @Test
    void aMalformedHeaderIsNoBarrier() {
        assertThat(RestructureBarrier.fromHeader("c1", "tag-commands/2 after 0:1"))
                .isEmpty();
        assertThat(RestructureBarrier.fromHeader("c1", "tag-commands/2/x after 0:1"))
                .isEmpty();
        assertThat(RestructureBarrier.fromHeader("c1", "no barrier at all")).isEmpty();
        assertThat(RestructureBarrier.fromHeader(null, "t/0/1 after 0:1")).isEmpty();
    }
}
