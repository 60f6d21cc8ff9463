/**
 * Exactly once in effect: the {@code processed_events} ledger. Every record read is claimed under its
 * command id (or its {@code topic/partition/offset/timestamp} when it has none) in the transaction
 * that applies it, so a redelivered record finds its claim and changes nothing; copies read again are
 * kept in {@code claim_copies}. {@link io.tagprocessor.idempotency.ClaimRetentionRepository} prunes
 * claims the commands topic no longer holds.
 */
package io.tagprocessor.idempotency;
