package io.tagprocessor.pipeline;

import static io.tagprocessor.pipeline.Commands.assign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Guarantee 2: a command's effect happens once, however often it is delivered or replayed. */
class ExactlyOnceEffectIT extends PipelineTestSupport {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final TopicProbe events = probe(TOPICS.events());

    @Test
    void sameCommandTwiceInOneBatchHasOneEffect() {
        String entity = unique("b1");
        Commands.Keyed command = assign("article", entity, unique("t"));
        send(command, command);
        Commands.Keyed marker = assign("article", entity, unique("marker"));
        send(marker);

        assertThat(events.await("article:" + entity, 2)).hasSize(2);
        assertThat(versions(entity)).containsExactly(1L, 2L);
    }

    @Test
    void sameCommandInTwoBatchesHasOneEffect() {
        String entity = unique("b2");
        Commands.Keyed command = assign("article", entity, unique("t"));
        send(command);
        events.await("article:" + entity, 1);
        send(command);
        send(assign("article", entity, unique("marker")));

        assertThat(events.await("article:" + entity, 2)).hasSize(2);
        assertThat(versions(entity)).containsExactly(1L, 2L);
    }

    @Test
    void replayFromTheBeginningAfterRestartHasNoSecondEffect() throws Exception {
        String entity = unique("replay");
        send(assign("article", entity, unique("t1")), assign("article", entity, unique("t2")));
        events.await("article:" + entity, 2);
        long processedBefore = countProcessed();

        MessageListenerContainer container = listeners.getListenerContainer("tag-commands");
        container.stop();
        rewindCommandsToTheBeginning();
        container.start();

        String after = unique("after");
        send(assign("article", after, unique("t")));
        events.await("article:" + after, 1);
        assertThat(countProcessed()).isEqualTo(processedBefore + 1);
        assertThat(versions(entity)).containsExactly(1L, 2L);
        assertThat(events.records("article:" + entity)).hasSize(2);
    }

    private void rewindCommandsToTheBeginning() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, INFRA.kafkaBootstrapServers()))) {
            String topic = properties.topics().commands();
            Set<TopicPartition> partitions =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> earliest =
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> rewind = admin.listOffsets(earliest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey,
                            e -> new OffsetAndMetadata(e.getValue().offset())));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(properties.consumer().groupId(), rewind)
                        .all()
                        .get();
                return true;
            });
        }
    }

    private long countProcessed() {
        return jdbc.sql("SELECT count(*) FROM processed_events")
                .query(Long.class)
                .single();
    }

    private List<Long> versions(String entity) {
        return events.records("article:" + entity).stream()
                .map(r -> ((io.tagprocessor.avro.event.EntityTagsChanged)
                                decode(r, io.tagprocessor.avro.event.TagEvent.class)
                                        .getPayload())
                        .getVersion())
                .toList();
    }
}
