package io.tagprocessor.retention;

import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.TagProcessorProperties;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs {@link ClaimPruner} every {@code tag-processor.retention.prune-interval}, first one interval after startup. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProcessing
class RetentionConfiguration implements SchedulingConfigurer {

    private final ClaimPruner pruner;
    private final Duration interval;

    RetentionConfiguration(ClaimPruner pruner, TagProcessorProperties properties) {
        this.pruner = pruner;
        this.interval = properties.retention().pruneInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(pruner::scheduled, interval, interval));
    }
}
