/**
 * What the benchmark adds to test-infra's stack: producers configured as a producing service would
 * configure them, the registry client they encode with, and the PostgreSQL server the run measures
 * on.
 */
package io.tagprocessor.benchmark.stack;
