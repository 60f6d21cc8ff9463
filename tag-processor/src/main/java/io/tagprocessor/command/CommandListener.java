package io.tagprocessor.command;

import io.tagprocessor.config.ConditionalOnProcessing;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Hands each poll batch of {@code tag-commands} to {@link CommandBatchProcessor}; nothing else. */
@Component
@ConditionalOnProcessing
class CommandListener {

    private final CommandBatchProcessor processor;

    CommandListener(CommandBatchProcessor processor) {
        this.processor = processor;
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
