package io.tagprocessor.replay;

import java.util.Arrays;
import java.util.List;

/**
 * What an operator asked to rebuild: the command topic, and the topics whose records carry the
 * live service's rename/delete barriers as headers (its events and rejections), to take the
 * barriers from when they were not copied from the live database.
 */
public record RebuildRequest(String topic, List<String> barrierTopics) {

    static final String USAGE = "usage: java -jar tag-processor-exec.jar --rebuild [--topic=NAME]"
            + " [--barriers-from=EVENTS_TOPIC,REJECTIONS_TOPIC]";

    private static final int MAX_BARRIER_TOPICS = 10;

    public RebuildRequest {
        barrierTopics = List.copyOf(barrierTopics);
    }

    static boolean requested(String[] args) {
        return Arrays.asList(args).contains("--rebuild");
    }

    /** Reads {@code --rebuild [--topic=NAME] [--barriers-from=A,B]}; refuses any other option. */
    static RebuildRequest parse(String[] args, String defaultTopic) {
        String topic = defaultTopic;
        List<String> barrierTopics = List.of();
        for (String arg : args) {
            if (arg.startsWith("--topic=")) {
                topic = arg.substring("--topic=".length());
            } else if (arg.startsWith("--barriers-from=")) {
                barrierTopics =
                        List.of(arg.substring("--barriers-from=".length()).split(",", -1));
            } else if (!arg.equals("--rebuild") && !(arg.startsWith("--") && arg.contains("."))) {
                throw refused("unexpected argument \"" + ReplayRequest.bounded(arg) + "\" for --rebuild");
            }
        }
        if (!ReplayRequest.TOPIC.matcher(topic).matches()) {
            throw refused("--topic must be 1-249 characters of a-z A-Z 0-9 . _ -");
        }
        if (barrierTopics.size() > MAX_BARRIER_TOPICS
                || barrierTopics.stream()
                        .anyMatch(name -> !ReplayRequest.TOPIC.matcher(name).matches())) {
            throw refused("--barriers-from must be up to " + MAX_BARRIER_TOPICS
                    + " topic names (a-z A-Z 0-9 . _ -) separated by commas");
        }
        return new RebuildRequest(topic, barrierTopics);
    }

    private static IllegalArgumentException refused(String message) {
        return new IllegalArgumentException(message + "\n" + USAGE);
    }
}
