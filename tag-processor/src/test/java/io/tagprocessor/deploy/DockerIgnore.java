package io.tagprocessor.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a .dockerignore as Docker applies them: the last pattern matching a path, or any
 * folder above it, decides; {@code !} lets a path back in; {@code *} stays within one folder and
 * {@code **} spans any number.
 */
record DockerIgnore(List<Rule> rules) {

    record Rule(Pattern pattern, boolean include) {}

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean include = line.startsWith("!");
            String glob = (include ? line.substring(1) : line).replaceAll("^/+|/+$", "");
            rules.add(new Rule(Pattern.compile(toRegex(glob)), include));
        }
        return new DockerIgnore(rules);
    }

    boolean sends(String path) {
        String[] parts = path.split("/");
        boolean excluded = false;
        for (Rule rule : rules) {
            StringBuilder prefix = new StringBuilder();
            for (String part : parts) {
                prefix.append(prefix.isEmpty() ? "" : "/").append(part);
                if (rule.pattern().matcher(prefix).matches()) {
                    excluded = !rule.include();
                    break;
                }
            }
        }
        return !excluded;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (glob.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (glob.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
