package io.tagprocessor.command;

import io.tagprocessor.avro.rejection.CommandRejected;
import io.tagprocessor.outbox.DeadLetter;
import io.tagprocessor.outbox.Headers;
import io.tagprocessor.outbox.OutboxRecords;
import io.tagprocessor.store.OutboxRow;
import io.tagprocessor.store.ProcessedEvent;
import io.tagprocessor.store.ProcessedEventsRepository;
import io.tagprocessor.tagging.Outcome;
import io.tagprocessor.tagging.RejectionReason;
import io.tagprocessor.tagging.TagCommandHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Applies one read record inside the caller's transaction: claims it in {@code processed_events}
 * (a claim that already exists makes it a duplicate with no effect), applies it, and appends the
 * outbox rows it causes to {@code out}. The caller appends those rows in the same transaction, so
 * the claim, the effect and the rows commit or roll back together.
 */
@Component
class CommandApplier {

    private static final int MAX_EXCEPTION_MESSAGE = 1000;

    private final ProcessedEventsRepository processed;
    private final TagCommandHandler handler;
    private final OutboxRecords records;
    private final Clock clock;

    CommandApplier(ProcessedEventsRepository processed, TagCommandHandler handler, OutboxRecords records, Clock clock) {
        this.processed = processed;
        this.handler = handler;
        this.records = records;
        this.clock = clock;
    }

    Disposition apply(ReadCommand read, List<OutboxRow> out) {
        if (read instanceof ReadCommand.Valid valid) {
            return applyValid(valid, out);
        }
        if (read instanceof ReadCommand.Invalid invalid) {
            return reject(invalid, out);
        }
        return deadLetter(read, ((ReadCommand.Undecodable) read).cause(), out);
    }

    /** Sends a record whose processing failed for a non-transient reason to the dead-letter topic. */
    Disposition deadLetter(ReadCommand read, Throwable cause, List<OutboxRow> out) {
        RawRecord raw = read.raw();
        if (!claim(read, Disposition.DEAD_LETTERED, cause.getClass().getSimpleName())) {
            return Disposition.DUPLICATE;
        }
        out.add(records.deadLetter(new DeadLetter(raw.position(), raw.key(), raw.value(), headers(raw, cause))));
        return Disposition.DEAD_LETTERED;
    }

    private Disposition reject(ReadCommand.Invalid invalid, List<OutboxRow> out) {
        if (!claim(invalid, Disposition.REJECTED, invalid.reason().name())) {
            return Disposition.DUPLICATE;
        }
        out.add(rejection(
                invalid.raw(),
                invalid.claimKey(),
                invalid.commandId(),
                invalid.source(),
                invalid.reason(),
                invalid.message()));
        return Disposition.REJECTED;
    }

    private Disposition applyValid(ReadCommand.Valid valid, List<OutboxRow> out) {
        if (!claim(valid, Disposition.APPLIED, null)) {
            return Disposition.DUPLICATE;
        }
        Outcome outcome = handler.apply(valid.command(), valid.context());
        if (outcome instanceof Outcome.Applied applied) {
            out.addAll(records.forChanges(valid.context(), applied.changes()));
            return Disposition.APPLIED;
        }
        if (outcome instanceof Outcome.Refused refused) {
            processed.recordOutcome(
                    valid.claimKey(),
                    Disposition.REJECTED.name(),
                    refused.reason().name());
            out.add(rejection(
                    valid.raw(),
                    valid.claimKey(),
                    valid.claimKey(),
                    valid.context().source(),
                    refused.reason(),
                    refused.message()));
            return Disposition.REJECTED;
        }
        processed.recordOutcome(valid.claimKey(), Disposition.NO_EFFECT.name(), null);
        return Disposition.NO_EFFECT;
    }

    private boolean claim(ReadCommand read, Disposition disposition, String reason) {
        RawRecord raw = read.raw();
        return processed.claim(new ProcessedEvent(
                read.claimKey(),
                raw.topic(),
                raw.partition(),
                raw.offset(),
                disposition.name(),
                reason,
                read.issuedBy(),
                clock.instant()));
    }

    private OutboxRow rejection(
            RawRecord raw, String claimKey, String commandId, String source, RejectionReason reason, String message) {
        CommandRejected rejected = new CommandRejected(
                commandId,
                reason.name(),
                message,
                source,
                raw.topic(),
                raw.partition(),
                raw.offset(),
                Instant.now(clock));
        return records.rejection(raw.key(), rejected, claimKey);
    }

    private static Map<String, String> headers(RawRecord raw, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return Map.of(
                Headers.DLT_ORIGINAL_TOPIC,
                raw.topic(),
                Headers.DLT_ORIGINAL_PARTITION,
                Integer.toString(raw.partition()),
                Headers.DLT_ORIGINAL_OFFSET,
                Long.toString(raw.offset()),
                Headers.DLT_ORIGINAL_TIMESTAMP,
                Long.toString(raw.timestamp()),
                Headers.DLT_EXCEPTION_CLASS,
                cause.getClass().getName(),
                Headers.DLT_EXCEPTION_MESSAGE,
                message.length() > MAX_EXCEPTION_MESSAGE ? message.substring(0, MAX_EXCEPTION_MESSAGE) : message);
    }
}
