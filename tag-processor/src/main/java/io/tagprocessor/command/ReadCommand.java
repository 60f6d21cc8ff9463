package io.tagprocessor.command;

import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.CommandContext;
import io.tagprocessor.tagging.RejectionReason;

/** A record after decoding and validation: a valid command, a refused one, or undecodable bytes. */
sealed interface ReadCommand {

    RawRecord raw();

    /** The key the record is claimed under in {@code processed_events}. */
    String claimKey();

    /** Who issued the command, as far as it could be read (bounded; null when undecodable). */
    String issuedBy();

    /** The producer's correlation id, for logs (bounded; null when absent or undecodable). */
    String correlationId();

    record Valid(RawRecord raw, CommandContext context, Command command, String correlationId) implements ReadCommand {
        public String claimKey() {
            return context.commandId().toString();
        }

        public String issuedBy() {
            return context.issuedBy();
        }
    }

    /** Decoded but refused; claimed under its command id when that is a UUID, else its position. */
    record Invalid(
            RawRecord raw,
            String claimKey,
            String commandId,
            String issuedBy,
            String source,
            RejectionReason reason,
            String message,
            String correlationId)
            implements ReadCommand {}

    record Undecodable(RawRecord raw, Exception cause) implements ReadCommand {
        public String claimKey() {
            return raw.identity();
        }

        public String issuedBy() {
            return null;
        }

        public String correlationId() {
            return null;
        }
    }
}
