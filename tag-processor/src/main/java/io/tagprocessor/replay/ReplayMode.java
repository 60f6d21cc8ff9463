package io.tagprocessor.replay;

import io.tagprocessor.config.TagProcessorProperties;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar's operator modes. {@code --replay}: starts the service's context without the listener,
 * the relay or the web server, against the schema as it is (no migration), runs one
 * {@link PartitionReplay} and prints one {@code replay: …} line. {@code --rebuild}: the same context
 * (migrating an empty database is allowed), runs one {@link Rebuild} and prints one
 * {@code rebuild: …} line. Returns the exit code: 0 done, 1 failed or stopped part-way (saying how
 * to resume), 2 refused input.
 */
public final class ReplayMode {

    private static final String[] REPLAY_OVERRIDES = {
        "--tag-processor.consumer.auto-startup=false",
        "--tag-processor.relay.enabled=false",
        "--tag-processor.database.migrate=false",
        "--spring.main.web-application-type=none",
        "--spring.main.banner-mode=off"
    };

    private static final String[] REBUILD_OVERRIDES = {
        "--tag-processor.consumer.auto-startup=false",
        "--tag-processor.relay.enabled=false",
        "--spring.main.web-application-type=none",
        "--spring.main.banner-mode=off"
    };

    private ReplayMode() {}

    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        boolean rebuild = RebuildRequest.requested(args);
        String mode = rebuild ? "rebuild" : "replay";
        try {
            check(args, rebuild, "tag-commands");
        } catch (IllegalArgumentException e) {
            err.println(mode + ": refused: " + e.getMessage());
            return 2;
        }
        String[] springArgs = Stream.concat(
                        Arrays.stream(args), Arrays.stream(rebuild ? REBUILD_OVERRIDES : REPLAY_OVERRIDES))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(springArgs)) {
            String topic =
                    context.getBean(TagProcessorProperties.class).topics().commands();
            if (rebuild) {
                out.println(context.getBean(Rebuild.class)
                        .run(RebuildRequest.parse(args, topic))
                        .summary());
            } else {
                ReplayRequest request = ReplayRequest.parse(args, topic);
                out.println(context.getBean(PartitionReplay.class).run(request).summary());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(mode + ": refused: " + e.getMessage());
            return 2;
        } catch (PartitionReplay.StoppedException e) {
            err.println(mode + ": " + e.getMessage()
                    + (rebuild
                            ? "; run --rebuild again: it resumes from the offsets it recorded"
                            : "; re-run with --from-offset=" + e.nextOffset()
                                    + " (commands already re-read end as duplicates)"));
            return 1;
        } catch (RuntimeException e) {
            err.println(mode + ": failed: " + e);
            return 1;
        }
    }

    private static void check(String[] args, boolean rebuild, String topic) {
        if (rebuild) {
            if (Arrays.asList(args).contains("--replay")) {
                throw new IllegalArgumentException("--replay and --rebuild are two modes; give one");
            }
            RebuildRequest.parse(args, topic);
        } else {
            ReplayRequest.parse(args, topic);
        }
    }
}
