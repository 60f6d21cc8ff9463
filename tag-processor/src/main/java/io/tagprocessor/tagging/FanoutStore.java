package io.tagprocessor.tagging;

import java.util.List;

/**
 * Where a rename's or delete's fan-out is kept: the retired tag rows, their jobs, and the assignments
 * still to move. Every call runs inside the caller's transaction. Implemented by the store.
 */
public interface FanoutStore {

    /** An assignment that moves from a retired row to the live row its tag became. */
    record Move(EntityRow entity, long fromTag, long toTag) {}

    /** How many entities carry the live tag row, counting those whose fan-out into it is pending. */
    long countCarriers(long tagId);

    /**
     * Retires the tag's row so that its name is free; for a rename ({@code normalized} not null) adds
     * the row the tag becomes and returns its id, for a delete returns null.
     */
    Long retire(TagRow tag, String normalized, String display, Audit audit);

    /** Records the job that changes, in chunks, every entity carrying the retired row. */
    void createJob(long tagId, Long successor, Audit audit, long entityCount);

    /** The pending jobs, in the order they were created. */
    List<FanoutJobRow> jobs();

    void moveAssignments(List<Move> moves);
}
