package io.tagprocessor.config;

import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Migrate-only mode ({@code DATABASE_MIGRATE=only}): no web server, none of the beans marked
 * {@link ConditionalOnProcessing}; startup waits for the database, migrates and validates the
 * schema, and {@link #exitIfDone} ends the process with 0. Any failure on the way fails startup
 * (non-zero exit, the cause in the log). Registered in {@code META-INF/spring.factories}; runs after
 * the configuration files were read.
 */
public final class MigrateOnlyStartup implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (isMigrateOnly(event.getEnvironment())) {
            event.getSpringApplication().setWebApplicationType(WebApplicationType.NONE);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Closes the context and exits the JVM with Spring's exit code when the run was migrate-only. */
    public static void exitIfDone(ConfigurableApplicationContext context) {
        if (isMigrateOnly(context.getEnvironment())) {
            LoggerFactory.getLogger(MigrateOnlyStartup.class).info("event=migrate_only_done outcome=success");
            System.exit(SpringApplication.exit(context));
        }
    }

    static boolean isMigrateOnly(Environment environment) {
        return MigrateMode.of(environment.getProperty(MigrateMode.PROPERTY)) == MigrateMode.ONLY;
    }
}
