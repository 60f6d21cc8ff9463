package io.tagprocessor.pipeline;

import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line ({@code --property=value}) that starts the service in this JVM on a database, a
 * broker and the shared fixture's schema registry, followed by the test's own settings; what an
 * operator passes to {@code java -jar}.
 */
public final class ServiceArguments {

    private ServiceArguments() {}

    public static String[] of(PostgresDatabase database, String bootstrapServers, String... settings) {
        List<String> properties = new ArrayList<>(List.of(
                "tag-processor.database.url=" + database.jdbcUrl(),
                "tag-processor.database.username=" + database.username(),
                "tag-processor.database.password=" + (database.password() == null ? "" : database.password()),
                "spring.kafka.bootstrap-servers=" + bootstrapServers,
                "tag-processor.schema-registry.url=" + TestInfrastructure.get().schemaRegistryUrl()));
        properties.addAll(List.of(settings));
        return properties.stream().map(property -> "--" + property).toArray(String[]::new);
    }
}
