/**
 * Real infrastructure for integration tests and the local devstack: an in-process KRaft Kafka broker,
 * Apicurio Registry as a child JVM, and throw-away PostgreSQL databases. {@link
 * io.tagprocessor.testinfra.TestInfrastructure} is the one entry point tests use.
 */
package io.tagprocessor.testinfra;
