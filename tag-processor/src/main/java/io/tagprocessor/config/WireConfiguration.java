package io.tagprocessor.config;

import io.tagprocessor.wire.SchemaRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one caching schema registry client of the service, and the clock it reads time from. */
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
    Clock clock() {
        return Clock.systemUTC();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
