package io.tagprocessor.command;

import io.tagprocessor.avro.command.TagCommand;

/** Decodes the value bytes of a command record (Confluent wire format) into a {@link TagCommand}. */
@FunctionalInterface
public interface CommandDecoder {

    TagCommand decode(String topic, byte[] value);
}
