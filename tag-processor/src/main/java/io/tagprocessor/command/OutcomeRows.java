package io.tagprocessor.command;

import io.tagprocessor.avro.rejection.CommandRejected;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.idempotency.ProcessedEventsRepository.OutcomeCorrection;
import io.tagprocessor.outbox.DeadLetter;
import io.tagprocessor.outbox.Headers;
import io.tagprocessor.outbox.OutboxRecords;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.tagging.Limits;
import io.tagprocessor.tagging.Outcome;
import io.tagprocessor.tagging.RejectionReason;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what became of a record: the disposition it is claimed with, and then
 * its final disposition, its outbox rows (events, a rejection or a dead letter) and, when the
 * outcome differs from the one it was claimed with, the correction for {@code processed_events}.
 */
@Component
record OutcomeRows(OutboxRecords records, Clock clock, TagProcessorProperties properties) {

    private static final int MAX_EXCEPTION_MESSAGE = Limits.EXCEPTION_MESSAGE_CHARS;
    private static final int MAX_REASON = Limits.REASON_CHARS;
    private static final int MAX_DEAD_LETTER_KEY = Limits.ECHOED_KEY_BYTES;

    /** One record settled; {@code reason} says why when it was refused. */
    record Settled(Disposition disposition, List<OutboxRow> rows, OutcomeCorrection correction, String reason) {
        static Settled duplicate() {
            return new Settled(Disposition.DUPLICATE, List.of(), null, null);
        }

        Verdict verdict() {
            return new Verdict(
                    disposition, reason, rows.stream().map(OutboxRow::eventId).toList());
        }
    }

    Settled of(ReadCommand.Valid valid, Outcome outcome) {
        if (outcome instanceof Outcome.Applied applied) {
            return new Settled(Disposition.APPLIED, records.forChanges(valid.context(), applied.changes()), null, null);
        }
        if (outcome instanceof Outcome.Refused refused) {
            String source = valid.context().source();
            OutboxRow row = rejection(
                    valid.raw(), valid.claimKey(), valid.claimKey(), source, refused.reason(), refused.message());
            return new Settled(
                    Disposition.REJECTED,
                    List.of(row),
                    new OutcomeCorrection(
                            valid.claimKey(),
                            Disposition.REJECTED.name(),
                            refused.reason().name()),
                    refused.reason().name());
        }
        return new Settled(
                Disposition.NO_EFFECT,
                List.of(),
                new OutcomeCorrection(valid.claimKey(), Disposition.NO_EFFECT.name(), null),
                null);
    }

    /**
     * The disposition a record is claimed with before it is applied: a valid command as applied (a
     * refusal or no effect found while applying it corrects the claim, see {@link #of}), a refused one
     * as rejected, an undecodable one as dead-lettered.
     */
    static Disposition provisional(ReadCommand read) {
        if (read instanceof ReadCommand.Valid) {
            return Disposition.APPLIED;
        }
        return read instanceof ReadCommand.Invalid ? Disposition.REJECTED : Disposition.DEAD_LETTERED;
    }

    /** The reason the claim records with {@link #provisional}. */
    static String provisionalReason(ReadCommand read) {
        if (read instanceof ReadCommand.Invalid invalid) {
            return invalid.reason().name();
        }
        return read instanceof ReadCommand.Undecodable undecodable ? reason(undecodable.cause()) : null;
    }

    /** A record that could not be applied: refused by validation, or undecodable. */
    Settled refused(ReadCommand read) {
        if (read instanceof ReadCommand.Invalid invalid) {
            OutboxRow row = rejection(
                    invalid.raw(),
                    invalid.claimKey(),
                    invalid.commandId(),
                    invalid.source(),
                    invalid.reason(),
                    invalid.message());
            return new Settled(
                    Disposition.REJECTED, List.of(row), null, invalid.reason().name());
        }
        return deadLettered(read.raw(), ((ReadCommand.Undecodable) read).cause());
    }

    /** A record sent to the dead-letter topic: undecodable, or failing for a reason no retry can change. */
    Settled deadLettered(RawRecord raw, Throwable cause) {
        return new Settled(
                Disposition.DEAD_LETTERED,
                List.of(deadLetter(raw, cause)),
                null,
                cause.getClass().getSimpleName());
    }

    /**
     * The dead letter of a record: its original key and value, cut to the sizes the dead-letter topic
     * is sure to take (a longer one is marked with its original size), so one huge record cannot
     * stall the relay.
     */
    private OutboxRow deadLetter(RawRecord raw, Throwable cause) {
        Map<String, String> headers = new HashMap<>(headers(raw, cause));
        byte[] key = cut(raw.key(), MAX_DEAD_LETTER_KEY, Headers.DLT_ORIGINAL_KEY_SIZE, headers);
        byte[] value =
                cut(raw.value(), properties.consumer().maxRecordBytes(), Headers.DLT_ORIGINAL_VALUE_SIZE, headers);
        return records.deadLetter(new DeadLetter(raw.identity(), key, value, headers));
    }

    private static byte[] cut(byte[] bytes, int limit, String sizeHeader, Map<String, String> headers) {
        if (bytes == null || bytes.length <= limit) {
            return bytes;
        }
        headers.put(sizeHeader, Integer.toString(bytes.length));
        return Arrays.copyOf(bytes, limit);
    }

    /** The reason recorded in {@code processed_events} for a dead-lettered record. */
    static String reason(Throwable cause) {
        return Echo.of(cause.getClass().getSimpleName() + ": " + cause.getMessage(), MAX_REASON);
    }

    private OutboxRow rejection(
            RawRecord raw, String claimKey, String commandId, String source, RejectionReason reason, String message) {
        CommandRejected rejected = new CommandRejected(
                commandId, reason.name(), message, source, raw.topic(), raw.partition(), raw.offset(), clock.instant());
        // the key is echoed as the rejection's key: cut like a dead letter's, so it cannot stall the relay
        byte[] key = raw.key() == null || raw.key().length <= MAX_DEAD_LETTER_KEY
                ? raw.key()
                : Arrays.copyOf(raw.key(), MAX_DEAD_LETTER_KEY);
        return records.rejection(key, rejected, claimKey);
    }

    private static Map<String, String> headers(RawRecord raw, Throwable cause) {
        String message = Echo.of(String.valueOf(cause.getMessage()), MAX_EXCEPTION_MESSAGE);
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
                message);
    }
}
