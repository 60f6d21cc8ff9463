package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.StandaloneKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The Kafka broker of a run: test-infra's standalone single-node KRaft broker, a process of its
 * own (so its CPU is measured apart from the benchmark's), with its data in a fresh directory
 * that is deleted when the broker is closed.
 */
public final class Broker implements AutoCloseable {

    private final StandaloneKafka kafka;
    private final Path directory;
    private final OptionalLong pid;

    private Broker(StandaloneKafka kafka, Path directory, OptionalLong pid) {
        this.kafka = kafka;
        this.directory = directory;
        this.pid = pid;
    }

    /** Starts a broker whose data and log live in a new directory under {@code parent}. */
    public static Broker start(Path parent) {
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent, "kafka-");
            StandaloneKafka kafka = StandaloneKafka.in(directory);
            kafka.start();
            return new Broker(kafka, directory, childRunning("kafka.Kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the broker under " + parent, e);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The broker's process, found among this JVM's children by its main class. */
    public OptionalLong pid() {
        return pid;
    }

    public String kind() {
        return "standalone";
    }

    @Override
    public void close() {
        kafka.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the broker's data in " + directory, e);
        }
    }

    private static OptionalLong childRunning(String mainClass) {
        return ProcessHandle.current()
                .children()
                .filter(child -> arguments(child.pid()).contains(mainClass))
                .mapToLong(ProcessHandle::pid)
                .findFirst();
    }

    /** The process's arguments from /proc (ProcessHandle.Info drops long command lines). */
    private static List<String> arguments(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return List.of(cmdline.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
