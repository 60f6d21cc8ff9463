package io.tagprocessor.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Facts about the packaged service the benchmark launches. */
final class ServiceJar {

    private static final String SETTINGS = "BOOT-INF/classes/application.yml";

    private ServiceJar() {}

    static Path require(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("service jar not found at " + jar
                    + "; build it with ./mvnw -B -q -pl benchmark -am package -DskipTests");
        }
        return jar;
    }

    /**
     * True when the service maps {@code TAG_PROCESSOR_MODE} in its settings, i.e. offers the
     * simple mode the baseline needs; without it the baseline runs the default mode, a placeholder.
     */
    static boolean offersSimpleMode(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry settings = zip.getEntry(SETTINGS);
            if (settings == null) {
                return false;
            }
            try (InputStream in = zip.getInputStream(settings)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("TAG_PROCESSOR_MODE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
