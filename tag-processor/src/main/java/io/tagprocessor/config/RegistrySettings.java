package io.tagprocessor.config;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A schema registry speaking the Confluent REST API. Username and password are optional (basic
 * auth) and never logged. For an HTTPS registry whose certificate a private CA signed, a truststore
 * (PKCS12 or JKS file) replaces the JVM's default trust; its password is never logged either.
 */
public record RegistrySettings(
        @NotBlank @DefaultValue("http://127.0.0.1:8081") String url,
        String username,
        String password,
        @DefaultValue("5s") Duration requestTimeout,
        String trustStoreLocation,
        String trustStorePassword,
        @NotBlank @DefaultValue("PKCS12") String trustStoreType) {

    @Override
    public String toString() {
        return "RegistrySettings[url=" + url + ", username=" + username + ", password="
                + (password == null ? "null" : "****") + ", requestTimeout=" + requestTimeout
                + ", trustStoreLocation=" + trustStoreLocation + ", trustStorePassword="
                + (trustStorePassword == null ? "null" : "****") + ", trustStoreType=" + trustStoreType + "]";
    }
}
