package io.tagprocessor.replay;

import io.tagprocessor.config.TagProcessorProperties;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The jar's replay mode ({@code --replay}): starts the service's context without the listener, the
 * relay or the web server, against the schema as it is (no migration), runs one
 * {@link PartitionReplay}, prints one {@code replay: …} line and returns the exit code: 0 done, 1
 * failed or stopped part-way (with the offset to resume from), 2 refused input.
 */
public final class ReplayMode {

    private static final String[] OVERRIDES = {
        "--tag-processor.consumer.auto-startup=false",
        "--tag-processor.relay.enabled=false",
        "--tag-processor.database.migrate=false",
        "--spring.main.web-application-type=none",
        "--spring.main.banner-mode=off"
    };

    private ReplayMode() {}

    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        try {
            ReplayRequest.parse(args, "tag-commands");
        } catch (IllegalArgumentException e) {
            err.println("replay: refused: " + e.getMessage());
            return 2;
        }
        String[] springArgs =
                Stream.concat(Arrays.stream(args), Arrays.stream(OVERRIDES)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(springArgs)) {
            String topic =
                    context.getBean(TagProcessorProperties.class).topics().commands();
            ReplayRequest request = ReplayRequest.parse(args, topic);
            out.println(context.getBean(PartitionReplay.class).run(request).summary());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("replay: refused: " + e.getMessage());
            return 2;
        } catch (PartitionReplay.StoppedException e) {
            err.println("replay: " + e.getMessage() + "; re-run with --from-offset=" + e.nextOffset()
                    + " (commands already re-read end as duplicates)");
            return 1;
        } catch (RuntimeException e) {
            err.println("replay: failed: " + e);
            return 1;
        }
    }
}
