package io.tagprocessor.command;

import io.tagprocessor.config.ConditionalOnProcessing;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Hands each poll batch of {@code tag-commands} to {@link CommandBatchProcessor}, and on partition
 * assignment seeks to where the database says each partition goes on ({@link ResumePoints}).
 */
@Component
@ConditionalOnProcessing
class CommandListener implements ConsumerSeekAware {

    private final CommandBatchProcessor processor;
    private final ResumePoints resumePoints;

    CommandListener(CommandBatchProcessor processor, ResumePoints resumePoints) {
        this.processor = processor;
        this.resumePoints = resumePoints;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        resumePoints.seek(assignments, callback);
    }

    @KafkaListener(
            id = "tag-commands",
            idIsGroup = false,
            topics = "${tag-processor.topics.commands}",
            containerFactory = "commandContainerFactory",
            batch = "true")
    void onBatch(List<ConsumerRecord<byte[], byte[]>> records) {
        processor.process(records);
    }
}
