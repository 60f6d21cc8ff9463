/**
 * The read API benchmark ({@link io.tagprocessor.benchmark.api.ApiBenchmark}): the packaged service on
 * a database of 1,000,000 assignments, each endpoint asked over HTTP, one {@code bench:} line per
 * endpoint with its latency percentiles.
 */
package io.tagprocessor.benchmark.api;
