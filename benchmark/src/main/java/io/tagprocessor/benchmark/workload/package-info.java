/**
 * The commands the benchmark sends: a seeded, realistic mix over 10,000 entities and 1,000 tags,
 * simulated as it is generated so that every command knows whether it will cause an event.
 */
package io.tagprocessor.benchmark.workload;
