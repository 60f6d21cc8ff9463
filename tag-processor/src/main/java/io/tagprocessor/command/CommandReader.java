package io.tagprocessor.command;

import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.CommandContext;
import io.tagprocessor.tagging.InvalidCommandException;
import io.tagprocessor.tagging.RejectionReason;
import io.tagprocessor.wire.WireFormatException;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Decodes and validates one record. Never throws for bad input: oversized or undecodable bytes
 * become {@link ReadCommand.Undecodable}, rule breaks become {@link ReadCommand.Invalid}. Throws
 * only for transient failures (registry unreachable), which the caller retries.
 */
@Component
class CommandReader {

    private static final int MAX_ECHOED_LENGTH = 128;

    private final CommandDecoder decoder;
    private final int maxRecordBytes;
    private final Clock clock;

    CommandReader(CommandDecoder decoder, TagProcessorProperties properties, Clock clock) {
        this.decoder = decoder;
        this.maxRecordBytes = properties.consumer().maxRecordBytes();
        this.clock = clock;
    }

    ReadCommand read(RawRecord raw) {
        if (raw.value() == null || raw.value().length == 0) {
            return new ReadCommand.Undecodable(raw, new IllegalArgumentException("record has no value"));
        }
        if (raw.value().length > maxRecordBytes) {
            return new ReadCommand.Undecodable(
                    raw,
                    new IllegalArgumentException(
                            "record of " + raw.value().length + " bytes exceeds the limit of " + maxRecordBytes));
        }
        TagCommand command;
        try {
            command = decoder.decode(raw.topic(), raw.value());
        } catch (WireFormatException e) {
            if (e.isTransient()) {
                throw e;
            }
            return new ReadCommand.Undecodable(raw, e);
        } catch (RuntimeException e) {
            return new ReadCommand.Undecodable(raw, e);
        }
        return validated(raw, command);
    }

    /** Refused input is echoed back in rejections and the ledger, but never more than this much. */
    private static String bounded(String value) {
        return Echo.of(value, MAX_ECHOED_LENGTH);
    }

    private ReadCommand validated(RawRecord raw, TagCommand command) {
        String commandId = String.valueOf(command.getCommandId());
        try {
            if (command.getCommandId() == null || command.getIssuedAt() == null) {
                throw new InvalidCommandException(
                        RejectionReason.INVALID_COMMAND_ID, "commandId and issuedAt are required");
            }
            Command valid = CommandValidator.validate(command);
            CommandValidator.requireKey(valid, raw.key());
            CommandContext context = new CommandContext(
                    command.getCommandId(),
                    command.getIssuedAt(),
                    command.getIssuedBy(),
                    command.getSource(),
                    clock.instant());
            return new ReadCommand.Valid(raw, context, valid, command.getCorrelationId());
        } catch (InvalidCommandException e) {
            String claimKey = command.getCommandId() == null ? raw.identity() : commandId;
            return new ReadCommand.Invalid(
                    raw,
                    claimKey,
                    bounded(commandId),
                    bounded(command.getIssuedBy()),
                    bounded(command.getSource()),
                    e.reason(),
                    e.getMessage(),
                    bounded(command.getCorrelationId()));
        }
    }
}
