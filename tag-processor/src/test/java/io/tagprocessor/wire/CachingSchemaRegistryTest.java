package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.event.TagEvent;
import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.UnknownSchemaId;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryTest {

    private final InMemorySchemaRegistry remote = new InMemorySchemaRegistry();
    private final CachingSchemaRegistry cache = new CachingSchemaRegistry(remote);
    private final Schema command = TagCommand.getClassSchema();

    @Test
    void asksOncePerSubjectAndSchema() {
        int id = cache.register("a-value", command);
        assertThat(cache.register("a-value", command)).isEqualTo(id);
        assertThat(cache.lookup("a-value", command)).isEqualTo(id);
        assertThat(cache.schemaById(id)).isSameAs(command);
        assertThat(remote.calls).hasValue(1);

        cache.register("b-value", command);
        cache.register("a-value", TagEvent.getClassSchema());
        assertThat(remote.calls).hasValue(3);
    }

    @Test
    void asksOncePerId() {
        int id = remote.add(command);
        assertThat(cache.schemaById(id)).isEqualTo(command);
        assertThat(cache.schemaById(id)).isEqualTo(command);
        assertThat(remote.calls).hasValue(1);
    }

    @Test
    void failuresAreNotRemembered() {
        assertThatThrownBy(() -> cache.schemaById(7)).isInstanceOf(UnknownSchemaId.class);
        remote.down = true;
        assertThatThrownBy(() -> cache.register("a-value", command)).isInstanceOf(RegistryUnavailable.class);
        remote.down = false;

        int id = cache.register("a-value", command);
        assertThat(cache.schemaById(id)).isEqualTo(command);
        assertThat(remote.calls).hasValue(3);
    }
}
