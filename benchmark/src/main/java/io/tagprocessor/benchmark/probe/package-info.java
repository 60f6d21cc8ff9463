/**
 * What the benchmark observes: events arriving at a subscriber (matched to commands by their
 * causation id), and once a second the service's CPU and memory, the database's and broker's CPU,
 * and the consumer group's lag.
 */
package io.tagprocessor.benchmark.probe;
