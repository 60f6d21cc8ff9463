package io.tagprocessor.benchmark.api;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiDatasetTest {

    @Test
    void refusesATagCountOnWhichAnEntitysTagsCouldCoincide() {
        assertThatNoException().isThrownBy(() -> new ApiDataset(10_000, 100_000, 10));
        assertThatThrownBy(() -> new ApiDataset(20, 40, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of tags-per-entity cubed (27)");
        assertThatThrownBy(() -> new ApiDataset(1000, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
