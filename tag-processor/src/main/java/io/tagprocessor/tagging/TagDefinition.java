package io.tagprocessor.tagging;

/**
 * A tag as a batch writes it: created (no {@code id} yet) or with a changed description and color.
 * {@code created} is who created it (for a new tag), {@code updated} who changed it last.
 */
public record TagDefinition(
        Long id,
        String normalizedName,
        String display,
        String description,
        String color,
        Audit created,
        Audit updated) {

    public static TagDefinition created(
            String normalizedName, String display, String description, String color, Audit audit) {
        return new TagDefinition(null, normalizedName, display, description, color, audit, audit);
    }

    /** A stored tag as it is. */
    public static TagDefinition of(TagRow row) {
        return new TagDefinition(
                row.id(), row.normalizedName(), row.displayName(), row.description(), row.color(), null, null);
    }

    public TagDefinition redefined(String newDescription, String newColor, Audit audit) {
        return new TagDefinition(id, normalizedName, display, newDescription, newColor, created, audit);
    }
}
