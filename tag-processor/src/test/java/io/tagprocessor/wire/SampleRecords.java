package io.tagprocessor.wire;

import io.tagprocessor.avro.command.EntityDeleted;
import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagDeleted;
import io.tagprocessor.avro.command.TagRenamed;
import io.tagprocessor.avro.command.TagUnassigned;
import io.tagprocessor.avro.event.EntityDeletedEvent;
import io.tagprocessor.avro.event.EntityTagsChanged;
import io.tagprocessor.avro.event.TagDefinedEvent;
import io.tagprocessor.avro.event.TagDeletedEvent;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.avro.event.TagRenamedEvent;
import io.tagprocessor.avro.rejection.CommandRejected;
import io.tagprocessor.avro.state.EntityTagState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;

/** One instance of every schema and every payload branch, with non-ASCII text and logical types. */
final class SampleRecords {

    static final Instant AT = Instant.ofEpochMilli(1_767_225_600_123L);

    private SampleRecords() {}

    static TagCommand command(Object payload) {
        return new TagCommand(UUID.randomUUID(), AT, "alice@example.org", "catalog-service", "corr-42", payload);
    }

    static Stream<TagCommand> commands() {
        return Stream.of(
                command(new TagAssigned("product", "p-1", "Größe")),
                command(new TagUnassigned("product", "p-1", "sale")),
                command(new EntityTagsReplaced("product", "p-1", List.of("a", "b 🏷"))),
                command(new EntityTagsReplaced("product", "p-2", List.of())),
                command(new TagDefined("sale", "Items on sale", "#FF0000")),
                command(new TagDefined("plain", null, null)),
                command(new TagRenamed("sale", "Sale")),
                command(new TagDeleted("sale")),
                new TagCommand(UUID.randomUUID(), AT, "bob", "crm", null, new EntityDeleted("customer", "c/9")));
    }

    static TagEvent event(Object payload) {
        return new TagEvent(UUID.randomUUID(), UUID.randomUUID(), AT, payload);
    }

    static Stream<TagEvent> events() {
        return Stream.of(
                event(new EntityTagsChanged("product", "p-1", List.of("new"), List.of("old"), List.of("new"), 7L)),
                event(new TagDefinedEvent("sale", "Items on sale", "#00FF00", true)),
                event(new TagDefinedEvent("sale", null, null, false)),
                event(new TagRenamedEvent("sale", "Sale", 12L)),
                event(new TagDeletedEvent("sale", 3L)),
                event(new EntityDeletedEvent("product", "p-1", List.of("a", "b"), 8L)));
    }

    static Stream<SpecificRecord> everySchemaAndBranch() {
        return Stream.of(
                        commands(),
                        events(),
                        Stream.of(
                                new EntityTagState("product", "p-1", List.of("a", "Größe"), 3L, AT),
                                new EntityTagState("product", "p-2", List.of(), 4L, AT),
                                new CommandRejected(
                                        "not-a-uuid",
                                        "INVALID_TAG_NAME",
                                        "too long",
                                        "crm",
                                        "tag-commands",
                                        2,
                                        99L,
                                        AT),
                                new CommandRejected("", "MALFORMED", "empty id", null, "tag-commands", 0, 0L, AT)))
                .flatMap(s -> s);
    }
}
