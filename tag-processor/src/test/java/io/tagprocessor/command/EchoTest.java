package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoTest {

    @Test
    void replacesNulWhichPostgresTextCannotHold() {
        assertThat(Echo.of("a\u0000b", 10)).isEqualTo("a\uFFFDb");
    }

    @Test
    void cutsToTheLimitAndKeepsNull() {
        assertThat(Echo.of("abcdef", 3)).isEqualTo("abc");
        assertThat(Echo.of(null, 3)).isNull();
    }
}
