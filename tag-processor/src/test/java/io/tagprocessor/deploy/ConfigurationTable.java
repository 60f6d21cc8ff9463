package io.tagprocessor.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables README's "Configuration" table documents: exact names, and rows
 * ending in {@code *} (such as {@code SPRING_KAFKA_*}) that stand for a family of Boot settings.
 */
record ConfigurationTable(Set<String> names, Set<String> prefixes) {

    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)(\\*?)`");

    static ConfigurationTable fromReadme() {
        String readme = RepositoryFiles.read("README.md");
        int start = readme.indexOf("\n## Configuration");
        if (start < 0) {
            throw new IllegalStateException("README.md has no \"## Configuration\" section");
        }
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> names = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (String line : section.split("\n")) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 3) {
                continue;
            }
            Matcher matcher = NAME.matcher(cells[1]);
            while (matcher.find()) {
                (matcher.group(2).isEmpty() ? names : prefixes).add(matcher.group(1));
            }
        }
        return new ConfigurationTable(names, prefixes);
    }

    boolean documents(String variable) {
        return names.contains(variable) || prefixes.stream().anyMatch(variable::startsWith);
    }
}
