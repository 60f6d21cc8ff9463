/**
 * The settings record tree ({@link io.tagprocessor.config.TagProcessorProperties}) and the wiring it
 * drives: database and Flyway, Kafka clients and their guarantees, the registry, lifecycle and fatal
 * errors, and the log scope the command path and the relay share. Knows nothing of tags.
 */
package io.tagprocessor.config;
