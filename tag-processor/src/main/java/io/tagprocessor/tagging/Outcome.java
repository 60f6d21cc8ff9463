package io.tagprocessor.tagging;

import java.util.List;

/** What applying one command did: changed something, changed nothing, or was refused. */
public sealed interface Outcome {

    record Applied(List<Change> changes) implements Outcome {
        public Applied {
            changes = List.copyOf(changes);
        }
    }

    record NoEffect() implements Outcome {}

    record Refused(RejectionReason reason, String message) implements Outcome {}

    static Outcome of(List<Change> changes) {
        return changes.isEmpty() ? new NoEffect() : new Applied(changes);
    }
}
