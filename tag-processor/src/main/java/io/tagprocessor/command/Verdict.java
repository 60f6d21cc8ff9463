package io.tagprocessor.command;

import java.util.List;
import java.util.UUID;

/**
 * What became of one record, for the metrics and the log: its disposition, the reason when it was
 * refused (a {@code RejectionReason} name, or the exception's simple class name for a dead letter: a
 * small set, fit for a metric tag) and the ids of the events it caused.
 */
record Verdict(Disposition disposition, String reason, List<UUID> eventIds) {

    static Verdict of(Disposition disposition) {
        return new Verdict(disposition, null, List.of());
    }
}
