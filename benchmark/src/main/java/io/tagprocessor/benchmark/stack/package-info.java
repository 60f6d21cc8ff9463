/**
 * What the benchmark adds to test-infra's stack: producers configured as a producing service would
 * configure them, and the registry client they encode with.
 */
package io.tagprocessor.benchmark.stack;
