package io.tagprocessor.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads {@code --name=value} options and the paths the build wrote into {@code benchmark.properties}. */
public final class CommandLine {

    private CommandLine() {}

    /** The last {@code --name=value} given, or {@code fallback}. */
    public static String value(String[] args, String name, String fallback) {
        String prefix = "--" + name + "=";
        return Arrays.stream(args)
                .filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length()))
                .reduce((first, second) -> second)
                .orElse(fallback);
    }

    /**
     * Refuses any argument that is neither one of {@code flags} nor {@code --name=value} with a known
     * name: a mistyped option must not silently start a long run with the defaults.
     */
    public static void refuseUnknown(String[] args, Set<String> names, Set<String> flags) {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (!flags.contains(arg) && (name == null || !names.contains(name))) {
                String known = Stream.concat(
                                flags.stream().sorted(), names.stream().sorted().map(n -> "--" + n + "=…"))
                        .collect(Collectors.joining(", "));
                throw new IllegalArgumentException("unknown option '" + arg + "'; known: " + known);
            }
        }
    }

    /** The paths the build wrote: {@code service.jar}, {@code results.dir}, {@code migrations.dir}. */
    public static Properties builtIn() {
        Properties properties = new Properties();
        try (InputStream in = CommandLine.class.getResourceAsStream("/benchmark.properties")) {
            if (in == null) {
                throw new IllegalStateException("benchmark.properties is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
