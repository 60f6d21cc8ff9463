package io.tagprocessor.config;

import org.apache.kafka.clients.producer.Producer;

/**
 * Opens the relay's transactional producers for one leadership term (the caller closes them):
 * producer 1 under {@code tag-processor.relay.transactional-id}, producer {@code n > 1} under
 * {@code <transactional-id>-<n>}.
 */
@FunctionalInterface
public interface RelayProducers {

    Producer<byte[], byte[]> open(int number);

    /** The name of producer {@code number} (from 1): {@code base} for the first, {@code base-<n>} after. */
    static String numbered(String base, int number) {
        return number == 1 ? base : base + "-" + number;
    }
}
