package io.tagprocessor.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Topic names and the shape the service creates them with when they are missing. */
public record TopicSettings(
        @NotBlank @DefaultValue("tag-commands") String commands,
        @NotBlank @DefaultValue("tag-events") String events,
        @NotBlank @DefaultValue("tag-entity-state") String entityState,
        @NotBlank @DefaultValue("tag-command-rejections") String rejections,
        @NotBlank @DefaultValue("tag-commands.DLT") String deadLetter,
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) @DefaultValue("1") short replicationFactor,
        @DefaultValue("true") boolean create) {}
