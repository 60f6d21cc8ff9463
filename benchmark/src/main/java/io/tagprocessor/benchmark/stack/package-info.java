/**
 * What the benchmark runs against: the broker, the schema registry, fresh PostgreSQL databases,
 * the topics, and the packaged service as a separate process.
 */
package io.tagprocessor.benchmark.stack;
