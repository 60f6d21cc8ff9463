package io.tagprocessor.tagging;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where entities' versions and tag assignments are kept, as the domain needs them; every call runs
 * inside the caller's transaction. Implemented by the store.
 */
public interface EntityStore {

    /**
     * Locks the entities in the order given (callers sort, so concurrent batches lock alike) and
     * returns the versions of those that exist; an entity not yet stored gets its first version from
     * {@link #createVersions}.
     */
    Map<EntityRow, Long> lockVersions(Collection<EntityRow> entities);

    /** The tags of these entities, each list sorted by normalized name. */
    Map<EntityRow, List<TagRow>> tagsOf(Collection<EntityRow> entities);

    /** Writes new versions of entities {@link #lockVersions} found. */
    void saveVersions(Map<EntityRow, Long> versions, Instant at);

    /**
     * Writes the first version of entities {@link #lockVersions} found no row for; fails with a
     * transient {@code ConcurrencyFailureException} when a concurrent batch created one first.
     */
    void createVersions(Map<EntityRow, Long> versions, Instant at);

    void unassign(List<AssignmentRow> assignments);

    void assign(List<AssignmentRow> assignments);
}
