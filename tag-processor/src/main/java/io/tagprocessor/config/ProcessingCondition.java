package io.tagprocessor.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True unless {@code tag-processor.database.migrate} is {@code only}. */
final class ProcessingCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !MigrateOnlyStartup.isMigrateOnly(context.getEnvironment());
    }
}
