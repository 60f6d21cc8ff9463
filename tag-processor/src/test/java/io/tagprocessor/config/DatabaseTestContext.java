package io.tagprocessor.config;

import io.tagprocessor.testinfra.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The smallest context that starts the database wiring as the application does: the settings tree,
 * {@link DatabaseConfiguration} and Boot's DataSource and Flyway auto-configuration.
 */
final class DatabaseTestContext {

    private DatabaseTestContext() {}

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TagProcessorProperties.class)
    static class SettingsConfiguration {}

    static ApplicationContextRunner runner(String databaseUrl, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
                .withUserConfiguration(SettingsConfiguration.class, DatabaseConfiguration.class)
                .withPropertyValues("tag-processor.database.url=" + databaseUrl)
                .withPropertyValues(properties);
    }

    static Flyway flyway(PostgresDatabase database) {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load();
    }

    /** The service's own startup failure: the first IllegalStateException among the causes Spring wraps. */
    static Throwable startupFailure(AssertableApplicationContext context) {
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalStateException) {
                return cause;
            }
        }
        throw new AssertionError("startup did not fail with an IllegalStateException", context.getStartupFailure());
    }
}
