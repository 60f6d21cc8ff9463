package io.tagprocessor.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running devstack can be reached, kept in {@code devstack/target/devstack.properties} so the
 * sample client needs no flags. Holds no password.
 */
record StackAddresses(
        long pid,
        String kafkaBootstrapServers,
        String schemaRegistryUrl,
        String registryBaseUrl,
        String databaseUrl,
        String serviceUrl,
        String commandsTopic,
        String eventsTopic) {

    static Path file() {
        return targetDirectory().resolve("devstack.properties");
    }

    /** devstack/target, found from where this class was loaded so the working directory does not matter. */
    static Path targetDirectory() {
        try {
            Path classes = Path.of(StackAddresses.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void write() {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.setProperty("schema-registry.url", schemaRegistryUrl);
        properties.setProperty("registry.base-url", registryBaseUrl);
        properties.setProperty("database.url", databaseUrl);
        properties.setProperty("service.url", serviceUrl);
        properties.setProperty("topics.commands", commandsTopic);
        properties.setProperty("topics.events", eventsTopic);
        try (Writer writer = Files.newBufferedWriter(file())) {
            properties.store(writer, "Written by DevStack while it runs; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file(), e);
        }
    }

    static Optional<StackAddresses> read() {
        if (!Files.isRegularFile(file())) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file())) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file(), e);
        }
        return Optional.of(new StackAddresses(
                Long.parseLong(properties.getProperty("pid", "-1")),
                properties.getProperty("kafka.bootstrap-servers"),
                properties.getProperty("schema-registry.url"),
                properties.getProperty("registry.base-url"),
                properties.getProperty("database.url"),
                properties.getProperty("service.url"),
                properties.getProperty("topics.commands"),
                properties.getProperty("topics.events")));
    }

    /** The addresses of a devstack whose process is still alive, if any. */
    static Optional<StackAddresses> ofRunningStack() {
        return read().filter(stack ->
                ProcessHandle.of(stack.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Removes the file if this process wrote it. */
    static void deleteOwn() {
        boolean own = read().map(stack -> stack.pid() == ProcessHandle.current().pid())
                .orElse(false);
        if (!own) {
            return;
        }
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file(), e);
        }
    }
}
