/**
 * The one stack library of the service's tests, the devstack, chaos and the benchmark: KRaft brokers
 * (in-process, or a child JVM that can be killed), Apicurio Registry and the packaged service as child
 * JVMs ({@link io.tagprocessor.testinfra.ChildProcess}), PostgreSQL databases and clusters of its own
 * ({@link io.tagprocessor.testinfra.PostgresCluster}), the service's topics as
 * its settings name them, a topic reader and a lag reader. {@link io.tagprocessor.testinfra.TestInfrastructure}
 * is the shared fixture of the ITs; {@link io.tagprocessor.testinfra.Stack} the all-processes stack.
 */
package io.tagprocessor.testinfra;
