package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.InProcessKafka;
import java.util.OptionalLong;

/** The Kafka broker the run uses; its process id when it runs in a process of its own. */
public interface Broker extends AutoCloseable {

    String bootstrapServers();

    /** The broker's own process, empty when it shares the benchmark's JVM. */
    OptionalLong pid();

    String kind();

    @Override
    void close();

    /** A broker for this run; {@code logs} is where a broker process writes its log. */
    static Broker start(java.nio.file.Path logs) {
        InProcessKafka kafka = InProcessKafka.start(0);
        return new Broker() {
            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public OptionalLong pid() {
                return OptionalLong.empty();
            }

            @Override
            public String kind() {
                return "in-process";
            }

            @Override
            public void close() {
                kafka.close();
            }
        };
    }
}
