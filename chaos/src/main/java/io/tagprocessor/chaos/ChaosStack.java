package io.tagprocessor.chaos;

import io.tagprocessor.testinfra.PostgresServer;
import io.tagprocessor.testinfra.ServiceProcess;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.Stack;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * test-infra's {@link Stack} as one run uses it: a fresh database on the tests' PostgreSQL server, the
 * service's topics under their default names created up front, and service instances that all join
 * the consumer group {@value #GROUP}.
 */
final class ChaosStack implements AutoCloseable {

    static final String GROUP = "tag-processor-chaos";
    static final ServiceTopics TOPICS = ServiceTopics.defaults();
    private static final List<String> JAVA_OPTIONS =
            List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    final Stack stack;
    final ChaosDatabase database;

    private ChaosStack(Stack stack, ChaosDatabase database) {
        this.stack = stack;
        this.database = database;
    }

    /** {@code commandConfig} goes to the commands topic and its dead-letter topic (e.g. a larger max.message.bytes). */
    static ChaosStack start(Path directory, Map<String, String> commandConfig) {
        Stack stack = Stack.start(directory, PostgresServer.shared());
        try {
            stack.createTopics(TOPICS, commandConfig);
            return new ChaosStack(stack, new ChaosDatabase(stack.newDatabase("chaos")));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** A service instance against this stack with {@code concurrency} listener threads (not started). */
    ServiceProcess service(String name, Path jar, int concurrency, Map<String, String> extraEnvironment) {
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment(database.database(), TOPICS));
        environment.put("DATABASE_MAX_POOL_SIZE", "4");
        environment.put("CONSUMER_CONCURRENCY", Integer.toString(concurrency));
        environment.put("CONSUMER_GROUP_ID", GROUP);
        environment.putAll(extraEnvironment);
        return stack.service(name, jar, JAVA_OPTIONS, environment);
    }

    @Override
    public void close() {
        database.close();
        stack.close();
    }
}
