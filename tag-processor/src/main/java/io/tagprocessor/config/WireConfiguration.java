package io.tagprocessor.config;

import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.command.CommandDecoder;
import io.tagprocessor.outbox.RecordEncoder;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.SchemaRegistry;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects the pipeline to the Confluent wire format: one caching registry client, the command
 * decoder of the consumer and the encoder of outbox payloads.
 */
@Configuration(proxyBeanMethods = false)
class WireConfiguration {

    @Bean
    SchemaRegistry schemaRegistry(TagProcessorProperties properties) {
        RegistrySettings registry = properties.schemaRegistry();
        return SchemaRegistry.caching(
                registry.url(),
                blankToNull(registry.username()),
                blankToNull(registry.password()),
                registry.requestTimeout());
    }

    @Bean
    CommandDecoder commandDecoder(SchemaRegistry schemaRegistry) {
        ConfluentAvroDeserializer<TagCommand> deserializer =
                new ConfluentAvroDeserializer<>(schemaRegistry, TagCommand.class);
        return deserializer::deserialize;
    }

    @Bean
    RecordEncoder recordEncoder(SchemaRegistry schemaRegistry) {
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(schemaRegistry);
        return serializer::serialize;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
