package io.tagprocessor.benchmark.stack;

import io.tagprocessor.benchmark.workload.EncodedCommand;
import io.tagprocessor.testinfra.ServiceTopics;
import io.tagprocessor.testinfra.Stack;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Pre-loads a backlog onto a set of topics before any service reads it. */
public final class Backlogs {

    private Backlogs() {}

    /**
     * Creates the topics, produces the commands to the commands topic and checks the topic holds all of
     * them (a lost send would skew every figure); returns the seconds the load took.
     */
    public static double load(Stack stack, ServiceTopics topics, List<EncodedCommand> commands) {
        stack.createTopics(topics);
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = Producers.bulk(stack.bootstrapServers())) {
            producer.partitionsFor(topics.commands());
            for (EncodedCommand c : commands) {
                producer.send(new ProducerRecord<>(topics.commands(), c.key(), c.value()), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = stack.records(topics.commands());
        if (failed.get() > 0 || stored != commands.size()) {
            throw new IllegalStateException(
                    "backlog load to " + topics.commands() + " incomplete: " + stored + " of " + commands.size()
                            + " records stored, " + failed.get() + " sends failed",
                    firstError.get());
        }
        return seconds;
    }
}
