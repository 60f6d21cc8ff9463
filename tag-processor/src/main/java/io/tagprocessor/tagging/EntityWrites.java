package io.tagprocessor.tagging;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What applying commands changed in entities, written together by {@link EntityStore#write}.
 *
 * @param firstVersions entities {@link EntityStore#lock} found no row for, with their first version
 * @param nextVersions entities it found, with their new version
 * @param removed assignments to delete
 * @param added assignments to insert
 * @param at the time the versions are stamped with
 */
public record EntityWrites(
        Map<EntityRow, Long> firstVersions,
        Map<EntityRow, Long> nextVersions,
        List<AssignmentRow> removed,
        List<AssignmentRow> added,
        Instant at) {

    public EntityWrites {
        firstVersions = Map.copyOf(firstVersions);
        nextVersions = Map.copyOf(nextVersions);
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }
}
