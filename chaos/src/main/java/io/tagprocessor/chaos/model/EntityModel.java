package io.tagprocessor.chaos.model;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One entity: version, tags (each with the command that assigned it) and every version it went through. */
public final class EntityModel {

    final String key;
    long version;
    final Map<TagModel, String> tags = new IdentityHashMap<>();
    final List<Snapshot> history = new ArrayList<>();

    EntityModel(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public long version() {
        return version;
    }

    /** normalized name -> display name and assigning command, for comparison with the database. */
    public Map<String, String> assignments() {
        Map<String, String> out = new java.util.TreeMap<>();
        tags.forEach((tag, commandId) -> out.put(tag.normalized, tag.display + "|" + commandId));
        return out;
    }

    public Set<String> displayNames() {
        Set<String> names = new TreeSet<>();
        tags.keySet().forEach(tag -> names.add(tag.display));
        return names;
    }

    /** The snapshot of {@code version} (1-based), or null if the entity never reached it. */
    public Snapshot at(long version) {
        return version >= 1 && version <= history.size() ? history.get((int) version - 1) : null;
    }

    TagModel find(String normalized) {
        for (TagModel tag : tags.keySet()) {
            if (tag.normalized.equals(normalized)) {
                return tag;
            }
        }
        return null;
    }

    void bump(String causationId, boolean deletion) {
        version++;
        history.add(new Snapshot(version, displayNames(), causationId, deletion));
    }
}
