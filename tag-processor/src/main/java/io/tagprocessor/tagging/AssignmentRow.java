package io.tagprocessor.tagging;

/** One row of {@code entity_tags} to write: which entity carries which tag, and who put it there. */
public record AssignmentRow(EntityRow entity, long tagId, Audit audit) {}
