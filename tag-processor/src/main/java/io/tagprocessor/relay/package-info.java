/**
 * Publishes outbox rows to Kafka: one leader across all instances (PostgreSQL advisory lock),
 * woken by {@code NOTIFY} at commit, rows deleted only after the broker acknowledged them.
 */
package io.tagprocessor.relay;
