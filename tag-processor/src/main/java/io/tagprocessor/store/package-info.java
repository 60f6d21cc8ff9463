/**
 * PostgreSQL access: tags, entities and assignments, the {@code processed_events} ledger, the outbox,
 * command offsets, restructure barriers and advisory locks. {@code JdbcClient} for single statements;
 * plain JDBC batches and array parameters where one statement writes a whole batch. Knows rows, not
 * commands; every statement is parameterized.
 */
package io.tagprocessor.store;
