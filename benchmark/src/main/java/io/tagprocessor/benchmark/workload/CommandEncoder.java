package io.tagprocessor.benchmark.workload;

import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes commands as a producer service does: the key as UTF-8, the value in the Confluent wire
 * format with the schema registered under {@code <topic>-value} (once, then cached).
 */
public final class CommandEncoder {

    private final ConfluentAvroSerializer<TagCommand> serializer;

    public CommandEncoder(SchemaRegistry registry) {
        this.serializer = new ConfluentAvroSerializer<>(registry);
    }

    public List<EncodedCommand> encode(String topic, List<GeneratedCommand> commands) {
        return commands.stream()
                .map(c -> new EncodedCommand(
                        c, c.key().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, c.command())))
                .toList();
    }
}
