package io.tagprocessor.tagging;

import io.tagprocessor.tagging.Command.DeleteTag;
import io.tagprocessor.tagging.Command.RenameTag;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Applies one tag rename or delete to the store and says what changed. Runs inside the caller's
 * transaction. A rename or delete of a tag some entity carries costs the same whatever their
 * number: it retires the tag's row (a rename gives the tag a new row with the new name, so the name
 * is free again at once after a delete) and records a fan-out job; the change of every entity
 * follows in bounded chunks ({@link EntityFanout}). Entity commands and tag definitions are applied
 * in sets by {@link EntityBatchTagger}.
 */
@Service
public record TagCommandHandler(TagStore tags, FanoutStore fanouts, ApplicationEventPublisher events) {

    /** Applies a command that {@link Command#restructures()}; any other is applied in sets by {@link EntityBatchTagger}. */
    public Outcome apply(Command command, CommandContext context) {
        Audit audit = new Audit(context.issuedBy(), context.appliedAt(), context.source(), context.commandId());
        return command.match(new Command.Cases<>() {
            public Outcome renameTag(RenameTag c) {
                return rename(c, audit);
            }

            public Outcome deleteTag(DeleteTag c) {
                return delete(c, audit);
            }

            public Outcome assign(Command.Assign c) {
                return appliedInSets(c);
            }

            public Outcome unassign(Command.Unassign c) {
                return appliedInSets(c);
            }

            public Outcome replaceTags(Command.ReplaceTags c) {
                return appliedInSets(c);
            }

            public Outcome deleteEntity(Command.DeleteEntity c) {
                return appliedInSets(c);
            }

            public Outcome defineTag(Command.DefineTag c) {
                return appliedInSets(c);
            }
        });
    }

    private static Outcome appliedInSets(Command command) {
        throw new IllegalArgumentException(
                command.getClass().getSimpleName() + " is applied in sets by EntityBatchTagger");
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
        long carriers = fanouts.countCarriers(tag.id());
        if (carriers == 0) {
            tags.rename(tag.id(), newName.normalized(), newName.display(), audit);
        } else {
            Long successor = fanouts.retire(tag, newName.normalized(), newName.display(), audit);
            schedule(tag.id(), successor, audit, carriers);
        }
        TagName oldName = new TagName(tag.displayName(), tag.normalizedName());
        return Outcome.of(List.of(new Change.TagRenamed(oldName, newName, carriers, tag.eventKey())));
    }

    private Outcome delete(DeleteTag command, Audit audit) {
        Optional<TagRow> found = tags.findForUpdate(command.tag().normalized());
        if (found.isEmpty()) {
            return new Outcome.NoEffect();
        }
        TagRow tag = found.get();
        long carriers = fanouts.countCarriers(tag.id());
        if (carriers == 0) {
            tags.delete(tag.id());
        } else {
            fanouts.retire(tag, null, null, audit);
            schedule(tag.id(), null, audit, carriers);
        }
        TagName name = new TagName(tag.displayName(), tag.normalizedName());
        return Outcome.of(List.of(new Change.TagDeleted(name, carriers, tag.eventKey())));
    }

    /** The entities' changes are left to the fan-out ({@link EntityFanout}), woken when this commits. */
    private void schedule(long tagId, Long successor, Audit audit, long carriers) {
        fanouts.createJob(tagId, successor, audit, carriers);
        events.publishEvent(new FanoutScheduled(audit.commandId(), carriers));
    }
}
