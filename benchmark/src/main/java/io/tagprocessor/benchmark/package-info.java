/**
 * The end-to-end benchmark of tag-processor: {@link io.tagprocessor.benchmark.Benchmark} runs the
 * phases and prints one {@code bench:} line per figure; see benchmark/README.md for what each means.
 */
package io.tagprocessor.benchmark;
