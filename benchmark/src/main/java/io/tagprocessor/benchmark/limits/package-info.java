/**
 * The limits of this machine, measured without the service: Kafka moving the same records with
 * no database, and PostgreSQL writing the same rows in one batched transaction.
 */
package io.tagprocessor.benchmark.limits;
