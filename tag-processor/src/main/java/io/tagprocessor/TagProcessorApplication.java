package io.tagprocessor;

import io.tagprocessor.config.MigrateOnlyStartup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TagProcessorApplication {

    public static void main(String[] args) {
        MigrateOnlyStartup.exitIfDone(SpringApplication.run(TagProcessorApplication.class, args));
    }
}
