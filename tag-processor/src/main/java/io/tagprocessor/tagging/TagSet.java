package io.tagprocessor.tagging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An entity's tags by normalized name, as a value: the edits of a command produce a new set and
 * the difference between two sets is what the command changed.
 */
record TagSet(Map<String, TagName> names) {

    TagSet {
        names = new TreeMap<>(names);
    }

    TagSet with(TagName tag) {
        Map<String, TagName> copy = new TreeMap<>(names);
        copy.putIfAbsent(tag.normalized(), tag);
        return new TagSet(copy);
    }

    TagSet without(TagName tag) {
        Map<String, TagName> copy = new TreeMap<>(names);
        copy.remove(tag.normalized());
        return new TagSet(copy);
    }

    /** Set semantics: keeps the tags in both (with their stored spelling), adds the new ones. */
    TagSet replacedBy(Collection<TagName> tags) {
        Map<String, TagName> copy = new TreeMap<>();
        tags.forEach(tag -> copy.putIfAbsent(tag.normalized(), names.getOrDefault(tag.normalized(), tag)));
        return new TagSet(copy);
    }

    /** Tags of this set that {@code other} lacks, in normalized-name order. */
    List<TagName> missingFrom(TagSet other) {
        List<TagName> missing = new ArrayList<>();
        names.forEach((normalized, tag) -> {
            if (!other.names.containsKey(normalized)) {
                missing.add(tag);
            }
        });
        return missing;
    }

    int size() {
        return names.size();
    }
}
