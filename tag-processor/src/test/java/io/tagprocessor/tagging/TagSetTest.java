package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.store.TagRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagSetTest {

    private final TagSet current = TagSet.of(List.of(row("kafka", "Kafka"), row("java", "Java")));

    @Test
    void replacementIsASetOperationWithExactDifferences() {
        TagSet next =
                current.replacedBy(List.of(TagName.parse("JAVA"), TagName.parse("Spring"), TagName.parse("spring")));
        assertThat(next.missingFrom(current)).extracting(TagName::display).containsExactly("Spring");
        assertThat(current.missingFrom(next)).extracting(TagName::display).containsExactly("Kafka");
        assertThat(next.size()).isEqualTo(2);
    }

    @Test
    void addingATagTheEntityHasInAnotherSpellingChangesNothing() {
        TagSet next = current.with(TagName.parse("KAFKA"));
        assertThat(next.missingFrom(current)).isEmpty();
        assertThat(current.missingFrom(next)).isEmpty();
    }

    @Test
    void removingAnAbsentTagChangesNothing() {
        TagSet next = current.without(TagName.parse("absent"));
        assertThat(current.missingFrom(next)).isEmpty();
    }

    private static TagRow row(String normalized, String display) {
        return new TagRow(normalized.length(), normalized, display, null, null);
    }
}
