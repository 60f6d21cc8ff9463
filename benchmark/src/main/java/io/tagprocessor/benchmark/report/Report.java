package io.tagprocessor.benchmark.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prints each figure line as it is measured and keeps them for {@code latest.txt}. */
public final class Report {

    private final Path directory;
    private final List<String> lines = new ArrayList<>();

    public Report(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    public synchronized void print(Line line) {
        String text = line.toString();
        lines.add(text);
        System.out.println(text);
        System.out.flush();
    }

    /** Writes every line printed so far to {@code latest.txt} in the results directory. */
    public synchronized void save() {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve("latest.txt"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
