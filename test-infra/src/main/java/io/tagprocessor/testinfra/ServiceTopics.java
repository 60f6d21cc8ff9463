package io.tagprocessor.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.yaml.snakeyaml.Yaml;

/**
 * The five topics of the service and their partition count, taken from the service's own settings:
 * its {@code application.yml} (on the class path wherever the service is) names each one as
 * {@code ${TOPIC_COMMANDS:tag-commands}}, which gives both the default and the environment variable
 * that overrides it. Nothing here repeats a topic name.
 */
public record ServiceTopics(
        String commands, String events, String entityState, String rejections, String deadLetter, int partitions) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");
    private static final String PREFIX = "tag-processor.topics.";
    private static final Map<String, Setting> SETTINGS = readSettings();

    /** One topic setting of the service: the environment variable that sets it, and its default. */
    private record Setting(String variable, String defaultValue) {}

    /** The service's defaults. */
    public static ServiceTopics defaults() {
        return new ServiceTopics(
                SETTINGS.get("commands").defaultValue(),
                SETTINGS.get("events").defaultValue(),
                SETTINGS.get("entity-state").defaultValue(),
                SETTINGS.get("rejections").defaultValue(),
                SETTINGS.get("dead-letter").defaultValue(),
                Integer.parseInt(SETTINGS.get("partitions").defaultValue()));
    }

    /** The same topics with {@code prefix} before each name, so that several runs share one broker. */
    public ServiceTopics prefixed(String prefix) {
        return new ServiceTopics(
                prefix + commands,
                prefix + events,
                prefix + entityState,
                prefix + rejections,
                prefix + deadLetter,
                partitions);
    }

    public ServiceTopics withPartitions(int count) {
        return new ServiceTopics(commands, events, entityState, rejections, deadLetter, count);
    }

    /** The service's settings for these topics, by property name below {@code tag-processor.topics}. */
    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("commands", commands);
        values.put("events", events);
        values.put("entity-state", entityState);
        values.put("rejections", rejections);
        values.put("dead-letter", deadLetter);
        values.put("partitions", Integer.toString(partitions));
        return values;
    }

    /** The environment that points a service process at these topics ({@code TOPIC_COMMANDS=…}). */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        values().forEach((name, value) -> environment.put(SETTINGS.get(name).variable(), value));
        return environment;
    }

    /** The same as Spring properties ({@code tag-processor.topics.commands=…}), for a service in this JVM. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        values().forEach((name, value) -> properties.put(PREFIX + name, value));
        return properties;
    }

    /**
     * The topics shaped as the service creates them (replication factor 1, the entity state
     * compacted); {@code commandConfig} goes to the commands topic and its dead-letter topic.
     */
    public List<NewTopic> newTopics(Map<String, String> commandConfig) {
        return List.of(
                new NewTopic(commands, partitions, (short) 1).configs(commandConfig),
                new NewTopic(events, partitions, (short) 1),
                new NewTopic(entityState, partitions, (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(rejections, partitions, (short) 1),
                new NewTopic(deadLetter, partitions, (short) 1).configs(commandConfig));
    }

    private static Map<String, Setting> readSettings() {
        try (InputStream in = ServiceTopics.class.getResourceAsStream("/application.yml")) {
            if (in == null) {
                throw new IllegalStateException("the service's application.yml is not on the class path");
            }
            Map<String, Object> root = new Yaml().load(in);
            Map<String, Setting> settings = new LinkedHashMap<>();
            section(section(root, "tag-processor"), "topics").forEach((name, value) -> {
                Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(value));
                if (placeholder.matches()) {
                    settings.put(name, new Setting(placeholder.group(1), placeholder.group(2)));
                }
            });
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service's application.yml", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String name) {
        Object child = parent.get(name);
        if (!(child instanceof Map)) {
            throw new IllegalStateException("application.yml has no section " + name);
        }
        return (Map<String, Object>) child;
    }
}
