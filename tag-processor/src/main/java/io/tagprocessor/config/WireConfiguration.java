package io.tagprocessor.config;

import io.tagprocessor.wire.SchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
                registry.requestTimeout(),
                trusting(registry));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The TLS context trusting the configured truststore, or null (the JVM's default trust) when none is set. */
    static SSLContext trusting(RegistrySettings registry) {
        String location = blankToNull(registry.trustStoreLocation());
        if (location == null) {
            return null;
        }
        String password = blankToNull(registry.trustStorePassword());
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(registry.trustStoreType());
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot load the schema registry truststore " + location + " ("
                            + registry.trustStoreType() + ", SCHEMA_REGISTRY_TRUST_STORE_LOCATION/_PASSWORD/_TYPE): "
                            + e.getMessage(),
                    e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
