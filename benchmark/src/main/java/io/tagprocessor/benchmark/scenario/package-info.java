/**
 * The measurements: the service draining a backlog (batch mode and the simple baseline), latency
 * at fixed offered rates, and the limits of the machine without the service.
 */
package io.tagprocessor.benchmark.scenario;
