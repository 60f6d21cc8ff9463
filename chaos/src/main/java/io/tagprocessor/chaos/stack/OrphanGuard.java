package io.tagprocessor.chaos.stack;

import io.tagprocessor.testinfra.ParentWatchdog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The {@code -javaagent} argument that makes a service child halt when the harness JVM dies, even
 * by {@code kill -9}: test-infra's {@link ParentWatchdog} packed alone into an agent jar.
 */
final class OrphanGuard {

    private static final String CLASS_ENTRY = ParentWatchdog.class.getName().replace('.', '/') + ".class";

    private OrphanGuard() {}

    static String agentArgument(Path directory) {
        Path jar = directory.resolve("chaos-watchdog-agent.jar");
        if (!Files.exists(jar)) {
            write(jar);
        }
        return "-javaagent:" + jar + "=" + ProcessHandle.current().pid();
    }

    private static void write(Path jar) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatchdog.class.getName());
        try (InputStream classBytes = ParentWatchdog.class.getClassLoader().getResourceAsStream(CLASS_ENTRY)) {
            if (classBytes == null) {
                throw new IllegalStateException(CLASS_ENTRY + " not found on the class path");
            }
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                out.putNextEntry(new JarEntry(CLASS_ENTRY));
                classBytes.transferTo(out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the watchdog agent jar " + jar, e);
        }
    }
}
