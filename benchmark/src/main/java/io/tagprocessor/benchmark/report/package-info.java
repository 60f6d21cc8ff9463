/**
 * How figures leave the benchmark: one {@code bench:} line per figure on stdout (and in
 * {@code results/latest.txt}), CSV timelines and the PNG plot.
 */
package io.tagprocessor.benchmark.report;
