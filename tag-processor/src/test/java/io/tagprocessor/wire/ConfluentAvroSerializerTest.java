package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.SchemaRejected;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerializerTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final ConfluentAvroSerializer<TagCommand> serializer =
            new ConfluentAvroSerializer<>(new CachingSchemaRegistry(registry));

    @Test
    void registersUnderTheTopicValueSubjectOnceThenStaysOffTheRegistry() {
        for (int i = 0; i < 100; i++) {
            serializer.serialize("tag-commands", SampleRecords.command(new TagAssigned("t", "e", "x" + i)));
        }
        assertThat(registry.calls).hasValue(1);
        assertThat(registry.lookup("tag-commands-value", TagCommand.getClassSchema()))
                .isPositive();
    }

    @Test
    void concurrentCallersGetDecodableBytesWithoutPerRecordRegistryCalls() throws Exception {
        var deserializer = new ConfluentAvroDeserializer<>(registry, TagCommand.class);
        deserializer.decode(
                serializer.serialize("tag-commands", SampleRecords.command(new TagAssigned("t", "e", "warm-up"))));
        int callsAfterWarmUp = registry.calls.get();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = pool.invokeAll(SampleRecords.commands()
                    .<Callable<Boolean>>map(command ->
                            () -> command.equals(deserializer.decode(serializer.serialize("tag-commands", command))))
                    .toList());
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.calls).hasValue(callsAfterWarmUp);
    }

    @Test
    void withoutAutoRegistrationOnlyLooksUpAndRefusesUnknownSchemas() {
        var lookupOnly = new ConfluentAvroSerializer<TagCommand>(registry, false);
        TagCommand command = SampleRecords.command(new TagAssigned("t", "e", "x"));

        assertThatThrownBy(() -> lookupOnly.serialize("tag-commands", command))
                .isInstanceOf(SchemaRejected.class)
                .hasMessageContaining("tag-commands-value");

        registry.register("tag-commands-value", TagCommand.getClassSchema());
        assertThat(lookupOnly.serialize("tag-commands", command)).isNotEmpty();
    }

    @Test
    void unreachableRegistryIsTransient() {
        registry.down = true;
        assertThatThrownBy(() -> serializer.serialize("tag-commands", SampleRecords.command(new TagAssigned())))
                .isInstanceOf(RegistryUnavailable.class)
                .matches(e -> ((WireFormatException) e).isTransient());
    }

    @Test
    void recordThatBreaksItsOwnSchemaIsASerializationError() {
        var stateSerializer = new ConfluentAvroSerializer<EntityTagState>(registry);
        EntityTagState incomplete = new EntityTagState();
        incomplete.setEntityType("product");

        assertThatThrownBy(() -> stateSerializer.serialize("tag-entity-state", incomplete))
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(WireFormatException.class)
                .hasMessageContaining("EntityTagState");
    }
}
