package io.tagprocessor.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Marks the beans that process commands (Kafka clients, the listener, the relay): present unless the
 * service runs in migrate-only mode ({@code DATABASE_MIGRATE=only}), which must not touch Kafka.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ProcessingCondition.class)
public @interface ConditionalOnProcessing {}
