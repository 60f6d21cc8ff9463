package io.tagprocessor.tagging;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where tags are kept, as the domain needs them; every call runs inside the caller's transaction. Implemented by the store. */
public interface TagStore {

    /** The stored tags of these normalized names, by name. */
    Map<String, TagRow> findAll(Collection<String> normalizedNames);

    /** Inserts the tags not stored yet; returns those it inserted, by name, with their ids. */
    Map<String, TagRow> insertAllIfAbsent(List<TagDefinition> tags);

    /** Writes new descriptions and colors of stored tags. */
    void redefine(List<TagDefinition> tags);

    /** The tag, locked against renames and deletes until the transaction ends. */
    Optional<TagRow> findForShare(String normalizedName);

    /** The tag, locked for a rename or delete. */
    Optional<TagRow> findForUpdate(String normalizedName);

    void rename(long id, String normalizedName, String displayName, Audit audit);

    void delete(long id);
}
