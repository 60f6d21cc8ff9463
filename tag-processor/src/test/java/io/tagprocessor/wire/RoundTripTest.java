package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.avro.command.TagCommand;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry);

    static Stream<SpecificRecord> records() {
        return SampleRecords.everySchemaAndBranch();
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void everySchemaAndPayloadBranchSurvivesTheRoundTrip(T record) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        byte[] bytes = serializer.serialize("some-topic", record);

        T decoded = new ConfluentAvroDeserializer<>(registry, type).deserialize("some-topic", bytes);

        assertThat(decoded).isEqualTo(record);
        assertThat(bytes[0]).isZero();
        int id = registry.lookup("some-topic-value", record.getSchema());
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0, 0, 0, id);
    }

    @ParameterizedTest
    @MethodSource("io.tagprocessor.wire.SampleRecords#commands")
    void logicalTypesDecodeToUuidAndInstant(TagCommand command) {
        byte[] bytes = serializer.serialize("tag-commands", command);

        TagCommand decoded = new ConfluentAvroDeserializer<>(registry, TagCommand.class).decode(bytes);

        assertThat(decoded.getCommandId()).isInstanceOf(UUID.class).isEqualTo(command.getCommandId());
        assertThat(decoded.getIssuedAt()).isEqualTo(SampleRecords.AT);
        assertThat(decoded.getPayload()).isEqualTo(command.getPayload());
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(new ConfluentAvroDeserializer<>(registry, TagCommand.class).deserialize("t", null))
                .isNull();
    }
}
