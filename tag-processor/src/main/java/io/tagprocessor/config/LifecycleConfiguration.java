package io.tagprocessor.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the workers of the service do when a failure escapes them: end the process (see {@link ProcessExit}). */
@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FatalErrorHandler fatalErrorHandler(ConfigurableApplicationContext context) {
        return new ProcessExit(context);
    }
}
