package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.testinfra.Ports;
import io.tagprocessor.testinfra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * Misconfiguration of the registry is not poison: a URL that cannot be used fails startup naming
 * the variable (and not the password in it); an unreachable registry is a readiness DOWN, and UP
 * once it answers.
 */
class RegistrySettingsIT {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TagProcessorProperties.class)
    static class SettingsConfiguration {}

    private static ApplicationContextRunner runner(String url) {
        return new ApplicationContextRunner()
                .withUserConfiguration(SettingsConfiguration.class, WireConfiguration.class)
                .withPropertyValues("tag-processor.schema-registry.url=" + url);
    }

    @Test
    void aUrlWithoutSchemeFailsStartupNamingTheVariable() {
        runner("registry:8081")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("SCHEMA_REGISTRY_URL (tag-processor.schema-registry.url) is invalid")
                        .hasStackTraceContaining("must start with http:// or https://"));
    }

    @Test
    void aHostWithAnUnderscoreFailsStartupWithoutShowingThePassword() {
        runner("http://svc:hunter2@schema_registry:8081")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("SCHEMA_REGISTRY_URL")
                        .hasStackTraceContaining("no valid host name")
                        .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain("hunter2")));
    }

    @Test
    void readinessOfTheRegistryIsDownWhileItCannotBeReachedAndUpWhenItAnswers() {
        runner("http://127.0.0.1:" + Ports.free())
                .run(context -> assertThat(context.getBean(RegistryHealthIndicator.class)
                                .health()
                                .getStatus())
                        .isEqualTo(Status.DOWN));
        runner(TestInfrastructure.get().schemaRegistryUrl())
                .run(context -> assertThat(context.getBean(RegistryHealthIndicator.class)
                                .health()
                                .getStatus())
                        .isEqualTo(Status.UP));
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter out = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
