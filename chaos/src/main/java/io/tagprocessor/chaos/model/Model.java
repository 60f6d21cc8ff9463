package io.tagprocessor.chaos.model;

import io.tagprocessor.avro.command.EntityDeleted;
import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagDeleted;
import io.tagprocessor.avro.command.TagRenamed;
import io.tagprocessor.avro.command.TagUnassigned;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays the command log by the README's rules, without any code of the service: per phase, each
 * partition in offset order (the workload makes the order across partitions within a phase
 * irrelevant). Records the expected outcome of every record, the final tags and entities, and each
 * entity's version history for checking the events.
 */
public final class Model {

    private static final int MAX_TAGS = 100;

    private final Map<String, TagModel> tags = new HashMap<>();
    private final Map<String, EntityModel> entities = new TreeMap<>();
    private final Map<String, Expected> claims = new LinkedHashMap<>();
    private final List<Expected> outcomes = new ArrayList<>();
    private final Set<String> appliedTagCommands = new HashSet<>();
    private final Set<String> appliedCommands = new HashSet<>();

    public static Model replay(Collection<LoggedRecord> log) {
        Model model = new Model();
        log.stream()
                .sorted(Comparator.comparingInt((LoggedRecord r) -> r.planned().phase())
                        .thenComparingInt(LoggedRecord::partition)
                        .thenComparingLong(LoggedRecord::offset))
                .forEach(model::apply);
        return model;
    }

    public Map<String, Expected> claims() {
        return claims;
    }

    public List<Expected> outcomes() {
        return outcomes;
    }

    public Map<String, TagModel> tags() {
        return tags;
    }

    public Map<String, EntityModel> entities() {
        return entities;
    }

    public Set<String> appliedTagCommands() {
        return appliedTagCommands;
    }

    public boolean applied(String commandId) {
        return appliedCommands.contains(commandId);
    }

    private void apply(LoggedRecord record) {
        if (record.planned().isGarbage()) {
            String position = record.identity();
            expect(new Expected(position, Expected.DEAD_LETTERED, null, record.partition(), record.offset()));
            return;
        }
        TagCommand command = record.planned().command();
        String id = command.getCommandId().toString();
        if (claims.containsKey(id)) {
            outcomes.add(new Expected(id, Expected.DUPLICATE, null, record.partition(), record.offset()));
            return;
        }
        String reason = record.planned().invalidReason();
        if (reason == null) {
            reason = applyValid(id, command.getPayload());
        }
        String outcome = reason == null ? Expected.APPLIED : reason.isEmpty() ? Expected.NO_EFFECT : Expected.REJECTED;
        expect(new Expected(
                id, outcome, reason == null || reason.isEmpty() ? null : reason, record.partition(), record.offset()));
        if (Expected.APPLIED.equals(outcome)) {
            appliedCommands.add(id);
            if (isTagCommand(command.getPayload())) {
                appliedTagCommands.add(id);
            }
        }
    }

    private void expect(Expected expected) {
        claims.put(expected.claimKey(), expected);
        outcomes.add(expected);
    }

    /** null = applied, "" = no effect, otherwise the rejection reason. */
    private String applyValid(String id, Object payload) {
        if (payload instanceof TagAssigned p) {
            return change(entity(p.getEntityType(), p.getEntityId()), id, List.of(p.getTag()), false, true);
        }
        if (payload instanceof TagUnassigned p) {
            return change(entity(p.getEntityType(), p.getEntityId()), id, List.of(p.getTag()), false, false);
        }
        if (payload instanceof EntityTagsReplaced p) {
            return change(entity(p.getEntityType(), p.getEntityId()), id, p.getTags(), true, true);
        }
        if (payload instanceof EntityDeleted p) {
            return deleteEntity(entity(p.getEntityType(), p.getEntityId()), id);
        }
        if (payload instanceof TagDefined p) {
            return define(p);
        }
        if (payload instanceof TagRenamed p) {
            return rename(p, id);
        }
        return deleteTag((TagDeleted) payload, id);
    }

    private String change(EntityModel entity, String id, List<String> names, boolean replace, boolean add) {
        Map<String, String> wanted = new LinkedHashMap<>();
        names.forEach(name -> wanted.putIfAbsent(normalized(display(name)), display(name)));
        Map<String, TagModel> current = new LinkedHashMap<>();
        entity.tags.keySet().forEach(tag -> current.put(tag.normalized, tag));
        List<String> added = new ArrayList<>();
        List<TagModel> removed = new ArrayList<>();
        if (replace) {
            wanted.keySet().stream().filter(n -> !current.containsKey(n)).forEach(added::add);
            current.forEach((n, tag) -> {
                if (!wanted.containsKey(n)) {
                    removed.add(tag);
                }
            });
        } else if (add) {
            wanted.keySet().stream().filter(n -> !current.containsKey(n)).forEach(added::add);
        } else {
            wanted.keySet().stream().filter(current::containsKey).forEach(n -> removed.add(current.get(n)));
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return "";
        }
        if (current.size() + added.size() - removed.size() > MAX_TAGS) {
            return "TOO_MANY_TAGS";
        }
        for (String normalized : added) {
            TagModel tag = tags.computeIfAbsent(normalized, n -> new TagModel(n, wanted.get(n), null, null));
            entity.tags.put(tag, id);
        }
        removed.forEach(entity.tags::remove);
        entity.bump(id, false);
        return null;
    }

    private String deleteEntity(EntityModel entity, String id) {
        if (entity.tags.isEmpty()) {
            return "";
        }
        entity.tags.clear();
        entity.bump(id, true);
        return null;
    }

    private String define(TagDefined p) {
        String display = display(p.getName());
        TagModel tag = tags.get(normalized(display));
        if (tag == null) {
            tags.put(normalized(display), new TagModel(normalized(display), display, p.getDescription(), p.getColor()));
            return null;
        }
        if (Objects.equals(tag.description, p.getDescription()) && Objects.equals(tag.color, p.getColor())) {
            return "";
        }
        tag.description = p.getDescription();
        tag.color = p.getColor();
        return null;
    }

    private String rename(TagRenamed p, String id) {
        TagModel tag = tags.get(normalized(display(p.getName())));
        if (tag == null) {
            return "TAG_NOT_FOUND";
        }
        String newDisplay = display(p.getNewName());
        String newNormalized = normalized(newDisplay);
        if (newDisplay.equals(tag.display)) {
            return "";
        }
        if (!newNormalized.equals(tag.normalized) && tags.containsKey(newNormalized)) {
            return "TAG_NAME_TAKEN";
        }
        tags.remove(tag.normalized);
        tag.normalized = newNormalized;
        tag.display = newDisplay;
        tags.put(newNormalized, tag);
        carriers(tag).forEach(entity -> entity.bump(id, false));
        return null;
    }

    private String deleteTag(TagDeleted p, String id) {
        TagModel tag = tags.remove(normalized(display(p.getName())));
        if (tag == null) {
            return "";
        }
        for (EntityModel entity : carriers(tag)) {
            entity.tags.remove(tag);
            entity.bump(id, false);
        }
        return null;
    }

    private List<EntityModel> carriers(TagModel tag) {
        return entities.values().stream()
                .filter(entity -> entity.tags.containsKey(tag))
                .toList();
    }

    private EntityModel entity(String type, String id) {
        return entities.computeIfAbsent(type + ":" + id, EntityModel::new);
    }

    private static boolean isTagCommand(Object payload) {
        return payload instanceof TagDefined || payload instanceof TagRenamed || payload instanceof TagDeleted;
    }

    /** The README's spelling rule: trimmed, NFC. */
    static String display(String raw) {
        return Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
    }

    /** The README's uniqueness rule: the display name lower-cased, NFC. */
    static String normalized(String display) {
        return Normalizer.normalize(display.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
