package io.tagprocessor.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256PasswordEncoderTest {

    private final Sha256PasswordEncoder encoder = new Sha256PasswordEncoder();

    @Test
    void matchesOnlyTheEncodedPassword() {
        String encoded = encoder.encode("a-long-machine-secret");

        assertThat(encoded).hasSize(64).doesNotContain("secret");
        assertThat(encoder.matches("a-long-machine-secret", encoded)).isTrue();
        assertThat(encoder.matches("a-long-machine-secreT", encoded)).isFalse();
        assertThat(encoder.matches("", encoded)).isFalse();
    }

    @Test
    void aMalformedStoredValueMatchesNothing() {
        assertThat(encoder.matches("x", "not-hex")).isFalse();
        assertThat(encoder.matches("x", null)).isFalse();
        assertThat(encoder.matches(null, encoder.encode("x"))).isFalse();
    }
}
