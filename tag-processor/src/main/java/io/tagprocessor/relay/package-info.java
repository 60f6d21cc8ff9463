/**
 * Publishes outbox rows to Kafka: one leader across all instances (PostgreSQL advisory lock),
 * woken at commit (in process, or by {@code NOTIFY} from other instances), rows deleted only after the
 * broker acknowledged them.
 */
package io.tagprocessor.relay;
