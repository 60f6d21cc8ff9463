package io.tagprocessor.tagging;

import java.util.Collection;

/**
 * Where entities' versions and tag assignments are kept, as the domain needs them; every call runs
 * inside the caller's transaction. Implemented by the store.
 */
public interface EntityStore {

    /**
     * Locks the entities in the order given (callers sort, so concurrent batches lock alike) and
     * returns the versions of those that exist and the tags they carry, in one round trip. The tags
     * are read by a statement that starts once every lock is granted, so they are what the last
     * holder committed. An entity not yet stored cannot be locked: it gets its first version from
     * {@link #write}.
     */
    LockedEntities lock(Collection<EntityRow> entities);

    /**
     * Writes the versions and assignments: the {@link EntityWrites#firstVersions} first (an assignment
     * needs its entity's row), the rest in one round trip. Fails with a transient
     * {@code ConcurrencyFailureException}, before writing anything else, when a concurrent batch created
     * one of the first versions first: both read "no row", so this batch is stale and its retry finds
     * and locks the row.
     */
    void write(EntityWrites writes);
}
