package io.tagprocessor.pipeline;

import io.tagprocessor.avro.command.EntityDeleted;
import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagDeleted;
import io.tagprocessor.avro.command.TagRenamed;
import io.tagprocessor.avro.command.TagUnassigned;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builders of commands as a producer would send them, with the key it would use. */
public final class Commands {

    private Commands() {}

    public record Keyed(String key, TagCommand command) {
        public UUID id() {
            return command.getCommandId();
        }
    }

    public static Keyed assign(String type, String id, String tag) {
        return entity(type, id, new TagAssigned(type, id, tag));
    }

    public static Keyed unassign(String type, String id, String tag) {
        return entity(type, id, new TagUnassigned(type, id, tag));
    }

    public static Keyed replace(String type, String id, List<String> tags) {
        return entity(type, id, new EntityTagsReplaced(type, id, tags));
    }

    public static Keyed deleteEntity(String type, String id) {
        return entity(type, id, new EntityDeleted(type, id));
    }

    public static Keyed define(String name, String description, String color) {
        return tag(name, new TagDefined(name, description, color));
    }

    public static Keyed rename(String name, String newName) {
        return tag(name, new TagRenamed(name, newName));
    }

    public static Keyed deleteTag(String name) {
        return tag(name, new TagDeleted(name));
    }

    private static Keyed entity(String type, String id, Object payload) {
        return new Keyed(type + ":" + id, envelope(payload));
    }

    private static Keyed tag(String name, Object payload) {
        return new Keyed("tag:" + name.strip().toLowerCase(java.util.Locale.ROOT), envelope(payload));
    }

    public static TagCommand envelope(Object payload) {
        return new TagCommand(UUID.randomUUID(), Instant.now(), "alice", "cms", "corr-1", payload);
    }
}
