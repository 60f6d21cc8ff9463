package io.tagprocessor.retention;

import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.TagProcessorProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;

/** Runs {@link ClaimPruner} every {@code tag-processor.retention.prune-interval}, first one interval after startup. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProcessing
class RetentionConfiguration {

    @Bean
    SchedulingConfigurer claimPruning(ClaimPruner pruner, TagProcessorProperties properties) {
        Duration interval = properties.retention().pruneInterval();
        return registrar -> registrar.addFixedDelayTask(new FixedDelayTask(pruner::scheduled, interval, interval));
    }
}
