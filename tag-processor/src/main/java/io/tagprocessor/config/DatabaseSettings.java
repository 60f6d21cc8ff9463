package io.tagprocessor.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL database. {@code url} accepts {@code jdbc:postgresql://…} and
 * {@code postgresql://user:pass@host:port/db}; credentials are never logged.
 */
public record DatabaseSettings(
        @NotBlank @DefaultValue("postgresql://postgres@127.0.0.1:5432/tagprocessor")
        String url,

        String username,
        String password,
        @Min(1) @DefaultValue("10") int maxPoolSize,
        @NotNull @DefaultValue("true") MigrateMode migrate,
        @DefaultValue("2m") Duration startupTimeout,
        @DurationMin(millis = 1) @DefaultValue("250ms") Duration startupInitialBackoff,
        @DurationMin(millis = 1) @DefaultValue("5s") Duration startupMaxBackoff) {

    @Override
    public String toString() {
        return "DatabaseSettings[url=<redacted>, username=" + username + ", password="
                + (password == null ? "null" : "****") + ", maxPoolSize=" + maxPoolSize + ", migrate=" + migrate
                + ", startupTimeout=" + startupTimeout + ", startupInitialBackoff=" + startupInitialBackoff
                + ", startupMaxBackoff=" + startupMaxBackoff + "]";
    }
}
