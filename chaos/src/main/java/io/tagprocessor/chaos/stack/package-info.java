/**
 * What the harness runs and breaks: the standalone broker, the registry, a fresh PostgreSQL database
 * and the service instances as child processes.
 */
package io.tagprocessor.chaos.stack;
