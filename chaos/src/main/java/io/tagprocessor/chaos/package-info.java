/**
 * The chaos harness: runs the packaged service as child processes, drives a seeded workload while
 * faults are injected, and checks the result against an independent model (issue 4).
 */
package io.tagprocessor.chaos;
