package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagSetTest {

    private final TagSet current =
            new TagSet(Map.of("kafka", new TagName("Kafka", "kafka"), "java", new TagName("Java", "java")));

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
}
