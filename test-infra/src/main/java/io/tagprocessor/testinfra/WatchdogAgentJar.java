package io.tagprocessor.testinfra;

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
 * Writes the one-class agent jar holding {@link ParentWatchdog}; works from classes dirs and jars
 * alike. A child JVM launched with it halts when its parent is gone, even after {@code kill -9}.
 */
public final class WatchdogAgentJar {

    private static final String CLASS_ENTRY = ParentWatchdog.class.getName().replace('.', '/') + ".class";

    private WatchdogAgentJar() {}

    public static Path writeInto(Path directory) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        Path target = directory.resolve("testinfra-watchdog-agent.jar");
        try (InputStream classBytes = ParentWatchdog.class.getClassLoader().getResourceAsStream(CLASS_ENTRY)) {
            if (classBytes == null) {
                throw new IllegalStateException(CLASS_ENTRY + " not found on the class path");
            }
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "testinfra-watchdog-agent", ".jar");
            try (OutputStream file = Files.newOutputStream(temporary);
                    JarOutputStream jar = new JarOutputStream(file, manifest)) {
                jar.putNextEntry(new JarEntry(CLASS_ENTRY));
                classBytes.transferTo(jar);
                jar.closeEntry();
            }
            return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the watchdog agent jar to " + directory, e);
        }
    }
}
