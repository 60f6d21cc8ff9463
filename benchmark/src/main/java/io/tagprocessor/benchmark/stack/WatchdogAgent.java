package io.tagprocessor.benchmark.stack;

import io.tagprocessor.testinfra.ParentWatchdog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The one-class agent jar around test-infra's {@link ParentWatchdog}: a service launched with it
 * halts when the benchmark's JVM is gone, even after {@code kill -9}, so no run leaves a service behind.
 */
final class WatchdogAgent {

    private static final String CLASS_ENTRY = ParentWatchdog.class.getName().replace('.', '/') + ".class";

    private WatchdogAgent() {}

    static synchronized Path jarIn(Path directory) {
        Path target = directory.resolve("benchmark-watchdog-agent.jar");
        if (Files.isRegularFile(target)) {
            return target;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        try (InputStream classBytes = ParentWatchdog.class.getClassLoader().getResourceAsStream(CLASS_ENTRY)) {
            if (classBytes == null) {
                throw new IllegalStateException(CLASS_ENTRY + " not found on the class path");
            }
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "benchmark-watchdog-agent", ".jar");
            try (OutputStream file = Files.newOutputStream(temporary);
                    JarOutputStream jar = new JarOutputStream(file, manifest)) {
                jar.putNextEntry(new JarEntry(CLASS_ENTRY));
                classBytes.transferTo(jar);
                jar.closeEntry();
            }
            return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the watchdog agent jar to " + directory, e);
        }
    }
}
