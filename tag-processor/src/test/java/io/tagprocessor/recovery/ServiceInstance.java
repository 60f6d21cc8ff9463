package io.tagprocessor.recovery;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.TagProcessorApplication;
import io.tagprocessor.pipeline.ServiceArguments;
import io.tagprocessor.testinfra.PostgresDatabase;
import io.tagprocessor.testinfra.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One running instance of the service, its own Spring context, on a database and a set of topics of
 * the shared fixture: what an operator starts with {@code java -jar}, minus the process.
 */
final class ServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static ServiceInstance start(
            TestInfrastructure infra, PostgresDatabase database, Topics topics, String group, String... more) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TagProcessorApplication.class)
                .web(WebApplicationType.NONE)
                .run(arguments(infra, database, topics, group, more));
        return new ServiceInstance(context);
    }

    /** The command line ({@code --property=value}) that points the service at this database and these topics. */
    static String[] arguments(
            TestInfrastructure infra, PostgresDatabase database, Topics topics, String group, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "tag-processor.database.startup-timeout=10s",
                "tag-processor.topics.partitions=" + Topics.PARTITIONS,
                "tag-processor.consumer.group-id=" + group,
                "tag-processor.consumer.concurrency=" + Topics.PARTITIONS,
                "tag-processor.consumer.retry-max-interval=1s",
                "tag-processor.relay.leadership-retry-interval=200ms"));
        properties.addAll(topics.properties());
        properties.addAll(List.of(more));
        return ServiceArguments.of(database, infra.kafkaBootstrapServers(), properties.toArray(String[]::new));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    JdbcClient jdbc() {
        return bean(JdbcClient.class);
    }

    /** How many commands this instance counted with the outcome ({@code applied}, {@code duplicate}, …). */
    double counted(String outcome) {
        var counter = bean(MeterRegistry.class)
                .find("tag_processor.commands")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        context.close();
    }
}
