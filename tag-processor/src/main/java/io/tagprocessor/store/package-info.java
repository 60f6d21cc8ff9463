/**
 * PostgreSQL access for the domain and the pipeline's bookkeeping: tags, entities, assignments and
 * fan-out jobs (implementing the domain's ports {@code tagging.EntityStore}, {@code TagStore},
 * {@code FanoutStore} with the domain's records), command offsets, restructure barriers and advisory
 * locks. The ledger of processed records lives in {@code idempotency}, the outbox table in
 * {@code outbox}; both write arrays with {@link io.tagprocessor.store.ArrayStatement}. {@code JdbcClient}
 * for single statements; array parameters where one statement writes a whole batch. Knows nothing of
 * commands, Kafka or the wire format. Every statement is parameterized.
 */
package io.tagprocessor.store;
