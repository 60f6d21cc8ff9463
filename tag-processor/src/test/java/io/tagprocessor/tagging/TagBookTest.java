package io.tagprocessor.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tag definitions applied in command order within a batch, as one at a time would apply them. */
class TagBookTest {

    private static final Audit FIRST =
            new Audit("alice", Instant.parse("2026-12-01T10:00:00Z"), "crm", UUID.randomUUID());
    private static final Audit SECOND =
            new Audit("bob", Instant.parse("2026-12-01T10:00:01Z"), "crm", UUID.randomUUID());
    private static final TagRow STORED = new TagRow(7, "vip", "VIP", "important", "#FF0000", "tag:very-important");

    @Test
    void definingAnUnknownTagCreatesItWithItsDescriptionAndColor() {
        TagBook book = new TagBook(Map.of());

        Outcome outcome = book.define(define("Gold", "shiny", "#FFD700"), FIRST);

        assertThat(changes(outcome))
                .containsExactly(new Change.TagDefined(TagName.parse("Gold"), "shiny", "#FFD700", true, "tag:gold"));
        assertThat(book.pending()).containsExactly(TagDefinition.created("gold", "Gold", "shiny", "#FFD700", FIRST));
    }

    @Test
    void definingAStoredTagAsItIsHasNoEffectAndWritesNothing() {
        TagBook book = new TagBook(Map.of("vip", STORED));

        assertThat(book.define(define("vip", "important", "#FF0000"), FIRST)).isInstanceOf(Outcome.NoEffect.class);
        assertThat(book.pending()).isEmpty();
    }

    @Test
    void redefiningAStoredTagKeepsItsSpellingAndItsEventKey() {
        TagBook book = new TagBook(Map.of("vip", STORED));

        Outcome outcome = book.define(define("Vip", "very important", null), FIRST);

        assertThat(changes(outcome))
                .containsExactly(new Change.TagDefined(
                        new TagName("VIP", "vip"), "very important", null, false, "tag:very-important"));
        assertThat(book.pending()).singleElement().satisfies(written -> {
            assertThat(written.id()).isEqualTo(7L);
            assertThat(written.description()).isEqualTo("very important");
            assertThat(written.color()).isNull();
            assertThat(written.updated()).isEqualTo(FIRST);
        });
    }

    @Test
    void aSecondDefinitionSeesTheFirstOfTheSameBatch() {
        TagBook book = new TagBook(Map.of("vip", STORED));
        book.define(define("vip", "changed", null), FIRST);

        assertThat(book.define(define("vip", "changed", null), SECOND)).isInstanceOf(Outcome.NoEffect.class);
        Outcome again = book.define(define("vip", "changed twice", null), SECOND);

        assertThat(changes(again)).singleElement().isInstanceOf(Change.TagDefined.class);
        assertThat(book.pending()).singleElement().satisfies(written -> {
            assertThat(written.description()).isEqualTo("changed twice");
            assertThat(written.updated()).isEqualTo(SECOND);
        });
    }

    @Test
    void aTagAnAssignmentCreatedIsRedefinedNotCreatedAgain() {
        TagBook book = new TagBook(Map.of());
        List<Change> assigned = new ArrayList<>();
        book.resolve(TagName.parse("Gold"), FIRST, assigned);

        Outcome outcome = book.define(define("gold", "shiny", null), SECOND);

        assertThat(assigned)
                .containsExactly(new Change.TagDefined(TagName.parse("Gold"), null, null, true, "tag:gold"));
        assertThat(changes(outcome))
                .containsExactly(new Change.TagDefined(new TagName("Gold", "gold"), "shiny", null, false, "tag:gold"));
        assertThat(book.pending()).singleElement().satisfies(written -> {
            assertThat(written.display()).isEqualTo("Gold");
            assertThat(written.description()).isEqualTo("shiny");
            assertThat(written.created()).isEqualTo(FIRST);
            assertThat(written.updated()).isEqualTo(SECOND);
        });
    }

    @Test
    void anAssignmentOfADefinedTagUsesItWithoutAnnouncingItAgain() {
        TagBook book = new TagBook(Map.of("vip", STORED));
        book.define(define("Gold", "shiny", null), FIRST);
        List<Change> changes = new ArrayList<>();

        TagBook.Resolved gold = book.resolve(TagName.parse("gold"), SECOND, changes);
        TagBook.Resolved vip = book.resolve(TagName.parse("Vip"), SECOND, changes);

        assertThat(changes).isEmpty();
        assertThat(gold).isEqualTo(new TagBook.Resolved("Gold", null));
        assertThat(vip).isEqualTo(new TagBook.Resolved("VIP", 7L));
    }

    private static Command.DefineTag define(String name, String description, String color) {
        return new Command.DefineTag(TagName.parse(name), description, color);
    }

    private static List<Change> changes(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return ((Outcome.Applied) outcome).changes();
    }
}
