package io.tagprocessor.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Topic names and the shape the service creates them with when they are missing: partitions,
 * replication factor and {@code min.insync.replicas} (1 and 1 for a one-broker dev cluster; 3 and 2
 * in production, so that {@code acks=all} survives the loss of one broker).
 */
public record TopicSettings(
        // a record's identity (topic/partition/offset/timestamp) must fit a claim key of 300 characters
        @NotBlank @Size(max = 200) @DefaultValue("tag-commands")
        String commands,

        @NotBlank @DefaultValue("tag-events") String events,
        @NotBlank @DefaultValue("tag-entity-state") String entityState,
        @NotBlank @DefaultValue("tag-command-rejections") String rejections,
        @NotBlank @DefaultValue("tag-commands.DLT") String deadLetter,
        @Min(1) @DefaultValue("6") int partitions,
        @Min(1) @DefaultValue("1") short replicationFactor,
        @Min(1) @DefaultValue("1") short minInsyncReplicas,
        @DefaultValue("true") boolean create) {

    @AssertTrue(
            message =
                    "min-insync-replicas must not exceed replication-factor (TOPIC_MIN_INSYNC_REPLICAS ≤ TOPIC_REPLICATION_FACTOR)")
    public boolean isMinInsyncReplicasReachable() {
        return minInsyncReplicas <= replicationFactor;
    }
}
