package io.tagprocessor.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database wiring, in startup order: {@code dataSource} (HikariCP, handed out only once the
 * database answers, see {@link DatabaseWaiter}); Boot's {@code flyway} and {@code flywayInitializer}
 * on that DataSource, which migrate only when {@code tag-processor.database.migrate} is true; then
 * {@code schemaValidator}, which fails startup when the schema the code needs is not there. Every
 * failure stops startup before any listener or relay starts, as those start only after every
 * singleton (this validator included) was created.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean
    HikariDataSource dataSource(TagProcessorProperties properties) {
        DatabaseSettings settings = properties.database();
        DatabaseUrl url = DatabaseUrl.from(settings);
        DatabaseWaiter.of(settings).await(url, DatabaseWaiter.connectingTo(url));
        HikariConfig config = new HikariConfig();
        config.setPoolName("tag-processor-db");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.username());
        config.setPassword(url.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        // Plan every statement with its actual arrays: a generic plan made while the tables were
        // small keeps scanning them whole once they are large.
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        return new HikariDataSource(config);
    }

    /**
     * Replaces Boot's "always migrate": Flyway stays configured either way so the validator can read
     * the applied version, but only migrates when {@code tag-processor.database.migrate} is true.
     */
    @Bean
    FlywayMigrationStrategy databaseMigrationStrategy(TagProcessorProperties properties) {
        boolean migrate = properties.database().migrate().migrates();
        return flyway -> {
            if (!migrate) {
                log.info("schema_migrate skipped=true reason=\"tag-processor.database.migrate=false\"");
                return;
            }
            MigrateResult result = flyway.migrate();
            String from = Objects.toString(result.initialSchemaVersion, "none");
            log.info(
                    "schema_migrate applied={} from_version={} to_version={}",
                    result.migrationsExecuted,
                    from,
                    Objects.toString(result.targetSchemaVersion, from));
        };
    }

    /** Runs after every database initializer (Flyway's included), before the beans that use the schema. */
    @Bean
    @DependsOnDatabaseInitialization
    SchemaValidator schemaValidator(
            DataSource dataSource, ObjectProvider<Flyway> flyway, TagProcessorProperties properties) {
        SchemaValidator validator = new SchemaValidator(
                JdbcClient.create(dataSource),
                flyway.getIfAvailable(),
                properties.database().migrate().migrates());
        validator.validate();
        return validator;
    }
}
