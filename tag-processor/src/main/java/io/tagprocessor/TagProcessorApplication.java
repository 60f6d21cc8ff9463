package io.tagprocessor;

import io.tagprocessor.config.MigrateOnlyStartup;
import io.tagprocessor.replay.ReplayMode;
import io.tagprocessor.replay.ReplayRequest;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TagProcessorApplication {

    public static void main(String[] args) {
        if (ReplayRequest.requested(args)) {
            System.exit(ReplayMode.run(TagProcessorApplication.class, args, System.out, System.err));
        }
        MigrateOnlyStartup.exitIfDone(SpringApplication.run(TagProcessorApplication.class, args));
    }
}
