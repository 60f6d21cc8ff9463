/**
 * What an operator watches: readiness that tells the truth (database, the listener's Kafka consumers,
 * a relay leader, the outbox backlog), the backlog gauges, and the Kafka clients' own metrics bound
 * to Micrometer. Reads state; changes nothing.
 */
package io.tagprocessor.observe;
