package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagRenamed;
import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.InvalidCommandException;
import io.tagprocessor.tagging.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandValidatorTest {

    @Test
    void mapsAnAssignmentToTheDomainCommand() {
        Command command = CommandValidator.validate(command(new TagAssigned("article", "42", " Kafka ")));
        assertThat(command).isInstanceOfSatisfying(Command.Assign.class, assign -> {
            assertThat(assign.entity().key()).isEqualTo("article:42");
            assertThat(assign.tag().display()).isEqualTo("Kafka");
        });
    }

    @Test
    void replacementCollapsesSpellingsOfOneTag() {
        Command command =
                CommandValidator.validate(command(new EntityTagsReplaced("article", "42", List.of("a", "b"))));
        assertThat(((Command.ReplaceTags) command).tags()).hasSize(2);
    }

    @Test
    void refusesOversizedTagSets() {
        assertRefused(
                command(new EntityTagsReplaced("article", "42", distinct(Command.MAX_TAGS_PER_ENTITY + 1))),
                RejectionReason.TOO_MANY_TAGS);
    }

    @Test
    void countsTagsAfterDuplicatesCollapse() {
        List<String> listed = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            listed.addAll(distinct(Command.MAX_TAGS_PER_ENTITY));
        }
        listed.addAll(Collections.nCopies(50, "T0 "));

        Command command = CommandValidator.validate(command(new EntityTagsReplaced("article", "42", listed)));

        assertThat(((Command.ReplaceTags) command).tags()).hasSize(Command.MAX_TAGS_PER_ENTITY);
    }

    @Test
    void refusesAListTooLongToReadWhateverItCollapsesTo() {
        List<String> listed = Collections.nCopies(CommandValidator.MAX_LISTED_TAGS + 1, "t");
        assertRefused(command(new EntityTagsReplaced("article", "42", listed)), RejectionReason.TOO_MANY_TAGS);
    }

    @Test
    void acceptsOnlyTheKeyOfWhatTheCommandChanges() {
        Command assign = CommandValidator.validate(command(new TagAssigned("article", "42", "Kafka")));
        Command define = CommandValidator.validate(command(new TagDefined(" Kafka ", null, null)));

        CommandValidator.requireKey(assign, bytes("article:42"));
        CommandValidator.requireKey(define, bytes("tag:kafka"));
        for (String wrong : List.of("article:43", "tag:kafka", "article:42 ", "")) {
            assertKeyRefused(assign, bytes(wrong));
        }
        assertKeyRefused(define, bytes("tag:Kafka"));
        assertKeyRefused(define, bytes("article:42"));
        assertKeyRefused(define, null);
    }

    private static void assertKeyRefused(Command command, byte[] key) {
        assertThatThrownBy(() -> CommandValidator.requireKey(command, key))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.KEY_MISMATCH));
    }

    private static List<String> distinct(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("t" + i);
        }
        return names;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesBadDescriptionAndColor() {
        assertRefused(command(new TagDefined("t", "x".repeat(501), null)), RejectionReason.INVALID_DESCRIPTION);
        assertRefused(command(new TagDefined("t", null, "red")), RejectionReason.INVALID_COLOR);
        assertRefused(command(new TagDefined("t", "nul\u0000byte", null)), RejectionReason.INVALID_DESCRIPTION);
        assertThat(CommandValidator.validate(command(new TagDefined("t", "two\nlines\tand a tab", null))))
                .isInstanceOf(Command.DefineTag.class);
        assertThat(CommandValidator.validate(command(new TagDefined("t", "fine", "#A1b2C3"))))
                .isInstanceOf(Command.DefineTag.class);
    }

    @Test
    void refusesMissingOrControlCharacterActorAndSource() {
        TagCommand noActor = command(new TagRenamed("a", "b"));
        noActor.setIssuedBy("");
        assertRefused(noActor, RejectionReason.INVALID_ACTOR);
        TagCommand badSource = command(new TagRenamed("a", "b"));
        badSource.setSource("svc\u0007");
        assertRefused(badSource, RejectionReason.INVALID_SOURCE);
    }

    @Test
    void refusesAnUnknownPayload() {
        assertRefused(command("not a payload"), RejectionReason.UNKNOWN_PAYLOAD);
    }

    private static void assertRefused(TagCommand command, RejectionReason reason) {
        assertThatThrownBy(() -> CommandValidator.validate(command))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static TagCommand command(Object payload) {
        return new TagCommand(UUID.randomUUID(), Instant.now(), "alice", "cms", null, payload);
    }
}
