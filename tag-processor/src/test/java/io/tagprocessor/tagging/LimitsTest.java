package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migrations' CHECK constraints and the validators hold the limits {@link Limits} names: a
 * change on one side only fails here.
 */
class LimitsTest {

    private static String migrations;

    @BeforeAll
    static void readMigrations() throws IOException, URISyntaxException {
        Path folder = Path.of(
                LimitsTest.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            migrations = files.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .map(LimitsTest::read)
                    .collect(Collectors.joining("\n"));
        }
    }

    @Test
    void theSchemaChecksTheSameLengthsAsTheValidators() {
        assertThat(migrations)
                .contains("CHECK (char_length(normalized_name) BETWEEN 1 AND " + Limits.TAG_NAME_CHARS + ")")
                .contains("CHECK (char_length(display_name) BETWEEN 1 AND " + Limits.TAG_NAME_CHARS + ")")
                .contains("CHECK (description IS NULL OR char_length(description) <= " + Limits.DESCRIPTION_CHARS + ")")
                .contains("CHECK (entity_type ~ '^[a-z0-9_.-]{1," + Limits.ENTITY_TYPE_CHARS + "}$')")
                .contains("CHECK (char_length(entity_id) BETWEEN 1 AND " + Limits.ENTITY_ID_CHARS + ")")
                .contains("CHECK (char_length(command_id) BETWEEN 1 AND " + Limits.CLAIM_KEY_CHARS + ")")
                .contains("CHECK (char_length(error) BETWEEN 1 AND " + Limits.PARKED_ERROR_CHARS + ")");
    }

    @Test
    void theValidatorsStopExactlyAtTheLimits() {
        assertThat(TagName.parse("a".repeat(Limits.TAG_NAME_CHARS)).normalized())
                .hasSize(Limits.TAG_NAME_CHARS);
        assertThatThrownBy(() -> TagName.parse("a".repeat(Limits.TAG_NAME_CHARS + 1)))
                .isInstanceOf(InvalidCommandException.class);
        assertThat(EntityKey.of("t".repeat(Limits.ENTITY_TYPE_CHARS), "i".repeat(Limits.ENTITY_ID_CHARS)))
                .isNotNull();
        assertThatThrownBy(() -> EntityKey.of("t".repeat(Limits.ENTITY_TYPE_CHARS + 1), "i"))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> EntityKey.of("t", "i".repeat(Limits.ENTITY_ID_CHARS + 1)))
                .isInstanceOf(InvalidCommandException.class);
        assertThat(Command.MAX_TAGS_PER_ENTITY).isEqualTo(Limits.TAGS_PER_ENTITY);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
