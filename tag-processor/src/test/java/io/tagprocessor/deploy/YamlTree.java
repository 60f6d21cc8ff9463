package io.tagprocessor.deploy;

import java.util.List;
import java.util.Map;

/** Walking parsed YAML (maps, lists, scalars) without casts at every step. */
final class YamlTree {

    private YamlTree() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("expected a mapping, found " + node);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException("expected a sequence, found " + node);
    }

    /** The node under a path of keys, or null when any step is missing. */
    static Object at(Object root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static String text(Object root, String... keys) {
        Object node = at(root, keys);
        return node == null ? null : node.toString();
    }
}
