package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntityKeyTest {

    @Test
    void keyJoinsTypeAndIdWithAColon() {
        assertThat(EntityKey.of("article", "42:draft").key()).isEqualTo("article:42:draft");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Article|1|INVALID_ENTITY_TYPE",
                "''|1|INVALID_ENTITY_TYPE",
                "art icle|1|INVALID_ENTITY_TYPE",
                "article|''|INVALID_ENTITY_ID"
            })
    void refusesBadTypesAndIds(String type, String id, RejectionReason reason) {
        assertThatThrownBy(() -> EntityKey.of(type, id))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void refusesControlCharactersAndOverlongIds() {
        assertThatThrownBy(() -> EntityKey.of("article", "a\u0000b")).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> EntityKey.of("article", "a\nb")).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> EntityKey.of("article", "x".repeat(129))).isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> EntityKey.of("t".repeat(65), "1")).isInstanceOf(InvalidCommandException.class);
        assertThat(EntityKey.of("article", "x".repeat(128)).id()).hasSize(128);
    }
}
