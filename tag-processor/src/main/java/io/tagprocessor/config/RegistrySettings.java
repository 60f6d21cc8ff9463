package io.tagprocessor.config;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A schema registry speaking the Confluent REST API. Username and password are optional (basic
 * auth) and never logged.
 */
public record RegistrySettings(
        @NotBlank @DefaultValue("http://127.0.0.1:8081") String url,
        String username,
        String password,
        @DefaultValue("5s") Duration requestTimeout) {

    @Override
    public String toString() {
        return "RegistrySettings[url=" + url + ", username=" + username + ", password="
                + (password == null ? "null" : "****") + ", requestTimeout=" + requestTimeout + "]";
    }
}
