package io.tagprocessor.tagging;

import io.tagprocessor.store.Audit;
import io.tagprocessor.store.TagRepository;
import io.tagprocessor.store.TagRow;
import io.tagprocessor.tagging.Command.DeleteTag;
import io.tagprocessor.tagging.Command.RenameTag;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Applies one tag rename or delete to the store and says what changed, including the change of
 * every entity carrying the tag. Runs inside the caller's transaction. Entity commands and tag
 * definitions are applied in sets by {@link EntityBatchTagger}.
 */
@Service
public class TagCommandHandler {

    private final TagRepository tags;
    private final EntityTagger entities;

    public TagCommandHandler(TagRepository tags, EntityTagger entities) {
        this.tags = tags;
        this.entities = entities;
    }

    public Outcome apply(Command command, CommandContext context) {
        Audit audit = new Audit(context.issuedBy(), context.appliedAt(), context.source(), context.commandId());
        if (command instanceof RenameTag c) {
            return rename(c, audit);
        }
        return delete((DeleteTag) command, audit);
    }

    private Outcome rename(RenameTag command, Audit audit) {
        Optional<TagRow> found = tags.findForUpdate(command.tag().normalized());
        if (found.isEmpty()) {
            return new Outcome.Refused(
                    RejectionReason.TAG_NOT_FOUND,
                    "no tag named '" + command.tag().display() + "'");
        }
        TagRow tag = found.get();
        TagName newName = command.newName();
        if (newName.display().equals(tag.displayName())) {
            return new Outcome.NoEffect();
        }
        if (!newName.normalized().equals(tag.normalizedName())
                && tags.findForShare(newName.normalized()).isPresent()) {
            return new Outcome.Refused(
                    RejectionReason.TAG_NAME_TAKEN, "a tag named '" + newName.display() + "' already exists");
        }
        tags.rename(tag.id(), newName.normalized(), newName.display(), audit);
        TagName oldName = new TagName(tag.displayName(), tag.normalizedName());
        List<Change> changes = entities.renamed(tag.id(), oldName, newName, audit);
        return Outcome.of(prepend(new Change.TagRenamed(oldName, newName, changes.size(), tag.eventKey()), changes));
    }

    private Outcome delete(DeleteTag command, Audit audit) {
        Optional<TagRow> found = tags.findForUpdate(command.tag().normalized());
        if (found.isEmpty()) {
            return new Outcome.NoEffect();
        }
        TagRow tag = found.get();
        TagName name = new TagName(tag.displayName(), tag.normalizedName());
        List<Change> changes = entities.untagAll(tag.id(), name, audit);
        tags.delete(tag.id());
        return Outcome.of(prepend(new Change.TagDeleted(name, changes.size(), tag.eventKey()), changes));
    }

    private static List<Change> prepend(Change first, List<Change> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream())
                .toList();
    }
}
