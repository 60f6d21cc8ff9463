package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagNameTest {

    @Test
    void keepsDisplaySpellingAndComparesCaseInsensitively() {
        TagName name = TagName.parse("  Kafka Streams ");
        assertThat(name.display()).isEqualTo("Kafka Streams");
        assertThat(name.normalized()).isEqualTo("kafka streams");
        assertThat(name.key()).isEqualTo("tag:kafka streams");
    }

    @Test
    void composedAndDecomposedSpellingsAreTheSameTag() {
        TagName composed = TagName.parse("Caf\u00e9");
        TagName decomposed = TagName.parse("Cafe\u0301");
        assertThat(decomposed.normalized()).isEqualTo(composed.normalized());
        assertThat(decomposed.display()).isEqualTo("Caf\u00e9");
    }

    @Test
    void acceptsLettersDigitsAndThePermittedPunctuation() {
        assertThat(TagName.parse("team/ops:v2_final-1.0").normalized()).isEqualTo("team/ops:v2_final-1.0");
        assertThat(TagName.parse("日本語").display()).isEqualTo("日本語");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "drop'table", "a;b", "line\nbreak", "tab\there", "emoji\uD83D\uDE00", "<script>"})
    void refusesEmptyAndForbiddenCharacters(String raw) {
        assertThatThrownBy(() -> TagName.parse(raw))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_TAG_NAME));
    }

    @Test
    void refusesMoreThan64CharactersCountingCodePoints() {
        assertThat(TagName.parse("x".repeat(64)).display()).hasSize(64);
        assertThatThrownBy(() -> TagName.parse("x".repeat(65))).isInstanceOf(InvalidCommandException.class);
        assertThat(TagName.parse("\uD835\uDD4F".repeat(64)).normalized()).isNotEmpty();
    }

    @Test
    void refusesANameThatGrowsPastTheLimitWhenLowerCased() {
        assertThat(TagName.parse("\u0130".repeat(32)).normalized()).hasSize(64);
        assertThatThrownBy(() -> TagName.parse("\u0130".repeat(64))).isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void refusesMissingName() {
        assertThatThrownBy(() -> TagName.parse(null)).isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void aPrefixIsNormalizedLikeANameButKeepsItsTrailingSpace() {
        assertThat(TagName.normalizedPrefix("  Kafka ")).isEqualTo("kafka ");
        assertThat(TagName.normalizedPrefix("Cafe\u0301")).isEqualTo("caf\u00e9");
        assertThat(TagName.normalizedPrefix(null)).isEmpty();
        assertThat(TagName.normalizedPrefix("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "<", "line\nbreak"})
    void refusesAPrefixNoNameCouldStartWith(String raw) {
        assertThatThrownBy(() -> TagName.normalizedPrefix(raw))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_TAG_NAME));
        assertThatThrownBy(() -> TagName.normalizedPrefix("x".repeat(65))).isInstanceOf(InvalidCommandException.class);
    }
}
