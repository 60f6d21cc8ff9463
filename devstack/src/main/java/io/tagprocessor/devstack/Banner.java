package io.tagprocessor.devstack;

import java.nio.file.Path;

/** The text the devstack prints once everything is up: where things are and what to try first. */
final class Banner {

    private static final String SAMPLE_CLIENT =
            "./mvnw -q -pl devstack -am spring-boot:run -Dspring-boot.run.main-class=io.tagprocessor.devstack.SampleClient";

    private Banner() {}

    static String render(StackAddresses stack, boolean databaseCreated, Path registryLog) {
        String rule = "=".repeat(78);
        return """

                %1$s
                 tag-processor devstack is up
                   Kafka bootstrap   %2$s
                   Schema registry   %3$s   (Confluent API; root %4$s)
                   Registry log      %5$s
                   Database          %6$s%7$s
                   Service           %8$s   health: %8$s/actuator/health
                   Topics            commands: %9$s   events: %10$s

                 Publish a sample command (in a second terminal, from the repository root):
                   %11$s -Dspring-boot.run.arguments="assign article:42 kafka"
                 Watch the events it causes (a third terminal; Ctrl-C to stop watching):
                   %11$s -Dspring-boot.run.arguments=watch

                 Stop the devstack: Ctrl-C
                %1$s
                """.formatted(
                        rule,
                        stack.kafkaBootstrapServers(),
                        stack.schemaRegistryUrl(),
                        stack.registryBaseUrl(),
                        registryLog,
                        stack.databaseUrl(),
                        databaseCreated ? "   (created just now)" : "",
                        stack.serviceUrl(),
                        stack.commandsTopic(),
                        stack.eventsTopic(),
                        SAMPLE_CLIENT);
    }
}
