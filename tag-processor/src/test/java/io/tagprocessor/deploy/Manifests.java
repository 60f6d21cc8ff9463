package io.tagprocessor.deploy;

import static io.tagprocessor.deploy.YamlTree.at;
import static io.tagprocessor.deploy.YamlTree.list;
import static io.tagprocessor.deploy.YamlTree.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Kubernetes objects, from the files under k8s/ or from a rendered overlay. */
record Manifests(List<Map<String, Object>> objects) {

    static Manifests files(String... relatives) {
        List<Map<String, Object>> objects = new java.util.ArrayList<>();
        for (String relative : relatives) {
            objects.addAll(RepositoryFiles.documents(RepositoryFiles.read(relative)));
        }
        return new Manifests(objects);
    }

    static Manifests rendered(String output) {
        return new Manifests(RepositoryFiles.documents(output));
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind) {
        List<Map<String, Object>> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    Map<String, Object> named(String kind, String name) {
        return all(kind).stream()
                .filter(o -> name.equals(at(o, "metadata", "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    /** The pod spec of a Deployment or Job, or of a CronJob's job template. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        Object spec = "CronJob".equals(workload.get("kind"))
                ? at(workload, "spec", "jobTemplate", "spec", "template", "spec")
                : at(workload, "spec", "template", "spec");
        return map(spec);
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(at(workload, "spec", "template", "metadata", "labels"));
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        return map(list(podSpec(workload).get("containers")).get(0));
    }

    /** The container's explicit env entries (name to value). */
    static Map<String, String> env(Map<String, Object> workload) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object entry : list(container(workload).get("env"))) {
            env.put(map(entry).get("name").toString(), String.valueOf(map(entry).get("value")));
        }
        return env;
    }

    /** Names of the ConfigMaps and Secrets the container takes all keys from. */
    static List<String> envFrom(Map<String, Object> workload, String refKind) {
        return list(container(workload).get("envFrom")).stream()
                .map(source -> YamlTree.text(source, refKind, "name"))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** {@code KEY=value} literals of a configMapGenerator entry in a kustomization.yaml. */
    static Map<String, String> generatorLiterals(String kustomization, String configMap) {
        Map<String, String> literals = new LinkedHashMap<>();
        for (Object generator : list(RepositoryFiles.yaml(kustomization).get("configMapGenerator"))) {
            if (configMap.equals(map(generator).get("name"))) {
                for (Object literal : list(map(generator).get("literals"))) {
                    String[] pair = literal.toString().split("=", 2);
                    literals.put(pair[0], pair[1]);
                }
            }
        }
        return literals;
    }
}
