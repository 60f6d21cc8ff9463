package io.tagprocessor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TagProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(TagProcessorApplication.class, args);
    }
}
