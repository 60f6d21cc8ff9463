package io.tagprocessor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deploy files, found from the module directory (Maven) or the root (an IDE). */
final class RepositoryFiles {

    static final Path ROOT = locateRoot();

    private RepositoryFiles() {}

    private static Path locateRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("k8s"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml with a k8s/ folder above " + start);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single YAML document of a file, as maps and lists. */
    static Map<String, Object> yaml(String relative) {
        List<Object> documents = parseAll(read(relative));
        if (documents.size() != 1) {
            throw new IllegalStateException(relative + " holds " + documents.size() + " YAML documents, not one");
        }
        return YamlTree.map(documents.get(0));
    }

    /** Every non-empty YAML document of a text (a file or a tool's output). */
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object document : parseAll(text)) {
            if (document != null) {
                maps.add(YamlTree.map(document));
            }
        }
        return maps;
    }

    private static List<Object> parseAll(String text) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(documents::add);
        return documents;
    }
}
