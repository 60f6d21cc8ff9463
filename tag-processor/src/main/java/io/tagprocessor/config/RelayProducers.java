package io.tagprocessor.config;

import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/** Opens a new transactional producer for the relay (one per leadership term); the caller closes it. */
@FunctionalInterface
public interface RelayProducers extends Supplier<Producer<byte[], byte[]>> {}
