package io.tagprocessor.testinfra;

/** A running Kafka cluster that tests can reach; in-process or in a container. */
interface KafkaCluster extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();

    /** Testcontainers Kafka when Docker is there (unless {@code TESTINFRA_KAFKA=embedded}), else in-process. */
    static KafkaCluster start() {
        String choice = System.getProperty("testinfra.kafka", System.getenv("TESTINFRA_KAFKA"));
        if (!"embedded".equalsIgnoreCase(choice) && Docker.available()) {
            return ContainerKafka.start();
        }
        return InProcessKafka.start();
    }
}
