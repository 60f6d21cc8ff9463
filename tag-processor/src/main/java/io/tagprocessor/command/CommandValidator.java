package io.tagprocessor.command;

import io.tagprocessor.avro.command.EntityDeleted;
import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagDeleted;
import io.tagprocessor.avro.command.TagRenamed;
import io.tagprocessor.avro.command.TagUnassigned;
import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.EntityKey;
import io.tagprocessor.tagging.InvalidCommandException;
import io.tagprocessor.tagging.Limits;
import io.tagprocessor.tagging.RejectionReason;
import io.tagprocessor.tagging.TagName;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a decoded {@link TagCommand} into a domain {@link Command}, enforcing every bound of the
 * contract (lengths, character sets, set sizes). Pure; throws {@link InvalidCommandException}.
 */
final class CommandValidator {

    private static final Pattern PRINTABLE_TEXT =
            Pattern.compile("[^\\p{Cc}\\p{Cn}\\p{Cs}]{1," + Limits.COMMAND_TEXT_CHARS + "}");
    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final int MAX_DESCRIPTION = Limits.DESCRIPTION_CHARS;
    /** Longest tag list a replace may carry before duplicates collapse. */
    static final int MAX_LISTED_TAGS = Limits.LISTED_TAGS;

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    private CommandValidator() {}

    static Command validate(TagCommand command) {
        requireText(command.getIssuedBy(), RejectionReason.INVALID_ACTOR, "issuedBy");
        requireText(command.getSource(), RejectionReason.INVALID_SOURCE, "source");
        if (command.getCorrelationId() != null) {
            requireText(command.getCorrelationId(), RejectionReason.INVALID_CORRELATION_ID, "correlationId");
        }
        Object payload = command.getPayload();
        if (payload instanceof TagAssigned p) {
            return new Command.Assign(entity(p.getEntityType(), p.getEntityId()), TagName.parse(p.getTag()));
        }
        if (payload instanceof TagUnassigned p) {
            return new Command.Unassign(entity(p.getEntityType(), p.getEntityId()), TagName.parse(p.getTag()));
        }
        if (payload instanceof EntityTagsReplaced p) {
            return new Command.ReplaceTags(entity(p.getEntityType(), p.getEntityId()), tags(p.getTags()));
        }
        if (payload instanceof TagDefined p) {
            return new Command.DefineTag(
                    TagName.parse(p.getName()), description(p.getDescription()), color(p.getColor()));
        }
        if (payload instanceof TagRenamed p) {
            return new Command.RenameTag(TagName.parse(p.getName()), TagName.parse(p.getNewName()));
        }
        if (payload instanceof TagDeleted p) {
            return new Command.DeleteTag(TagName.parse(p.getName()));
        }
        if (payload instanceof EntityDeleted p) {
            return new Command.DeleteEntity(entity(p.getEntityType(), p.getEntityId()));
        }
        throw new InvalidCommandException(RejectionReason.UNKNOWN_PAYLOAD, "payload is missing or of an unknown type");
    }

    /** Refuses a command whose record key is not the key of what it changes ({@link Command#key()}). */
    static void requireKey(Command command, byte[] recordKey) {
        String expected = command.key();
        if (recordKey == null || !expected.equals(new String(recordKey, StandardCharsets.UTF_8))) {
            throw new InvalidCommandException(
                    RejectionReason.KEY_MISMATCH,
                    "record key must be the key of what the command changes: " + Echo.of(expected, 200));
        }
    }

    private static EntityKey entity(String type, String id) {
        return EntityKey.of(type, id);
    }

    /**
     * The set a replace asks for, counted after duplicates collapse (as the contract says); a list
     * longer than {@link #MAX_LISTED_TAGS} is refused before it is read, whatever it would collapse to.
     */
    private static Set<TagName> tags(List<String> names) {
        if (names.size() > MAX_LISTED_TAGS) {
            throw tooMany(names.size() + " listed");
        }
        Map<String, TagName> tags = new LinkedHashMap<>();
        names.forEach(name -> {
            TagName tag = TagName.parse(name);
            tags.putIfAbsent(tag.normalized(), tag);
        });
        if (tags.size() > Command.MAX_TAGS_PER_ENTITY) {
            throw tooMany(tags.size() + " distinct");
        }
        return new LinkedHashSet<>(tags.values());
    }

    private static InvalidCommandException tooMany(String got) {
        return new InvalidCommandException(
                RejectionReason.TOO_MANY_TAGS,
                "at most " + Command.MAX_TAGS_PER_ENTITY + " tags per entity, got " + got);
    }

    private static String description(String description) {
        if (description != null && CONTROL.matcher(description).find()) {
            throw new InvalidCommandException(
                    RejectionReason.INVALID_DESCRIPTION,
                    "description may not hold control characters other than line breaks and tabs");
        }
        if (description != null && description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            throw new InvalidCommandException(
                    RejectionReason.INVALID_DESCRIPTION,
                    "description must be at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    private static String color(String color) {
        if (color != null && !COLOR.matcher(color).matches()) {
            throw new InvalidCommandException(RejectionReason.INVALID_COLOR, "color must be #RRGGBB");
        }
        return color;
    }

    private static void requireText(String value, RejectionReason reason, String field) {
        if (value == null || !PRINTABLE_TEXT.matcher(value).matches()) {
            throw new InvalidCommandException(
                    reason, field + " must be 1-" + Limits.COMMAND_TEXT_CHARS + " printable characters");
        }
    }
}
