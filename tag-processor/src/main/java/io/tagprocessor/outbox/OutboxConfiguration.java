package io.tagprocessor.outbox;

import io.tagprocessor.wire.ConfluentAvroSerializer;
import io.tagprocessor.wire.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Outbox payloads are encoded in the Confluent wire format, schemas registered on first use. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    RecordEncoder recordEncoder(SchemaRegistry schemaRegistry) {
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(schemaRegistry);
        return serializer::serialize;
    }
}
