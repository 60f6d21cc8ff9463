/**
 * PostgreSQL access with {@code JdbcClient}: tags, entities and assignments, the
 * {@code processed_events} ledger and the outbox. Knows rows, not commands; every statement is
 * parameterized.
 */
package io.tagprocessor.store;
