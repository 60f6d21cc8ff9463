/**
 * PostgreSQL access: tags, entities and assignments, the {@code processed_events} ledger, the outbox,
 * command offsets, restructure barriers and advisory locks. {@code JdbcClient} for single statements;
 * plain JDBC batches and array parameters where one statement writes a whole batch. Implements the
 * domain's ports ({@code tagging.EntityStore}, {@code TagStore}, {@code FanoutStore}) with the domain's
 * records; knows nothing of commands, Kafka or the outbox's wire format. Every statement is parameterized.
 */
package io.tagprocessor.store;
