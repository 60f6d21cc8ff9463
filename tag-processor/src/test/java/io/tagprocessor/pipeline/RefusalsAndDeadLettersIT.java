package io.tagprocessor.pipeline;

import static io.tagprocessor.pipeline.Commands.assign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.rejection.CommandRejected;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Guarantee 1: every record read is accounted for. Rule breaks are refused with a reason on the
 * rejections topic; undecodable bytes reach the dead-letter topic untouched, with where they came
 * from and why; the records around them are applied.
 */
class RefusalsAndDeadLettersIT extends PipelineTestSupport {

    private final TopicProbe rejections = probe(TOPICS.rejections());
    private final TopicProbe deadLetters = probe(TOPICS.deadLetter());
    private final TopicProbe events = probe(TOPICS.events());

    @Test
    void aCommandBreakingARuleIsRefusedWithItsReason() {
        String entity = unique("bad");
        Commands.Keyed command = assign("article", entity, "no;semicolons");
        send(command);

        ConsumerRecord<byte[], byte[]> record = await().atMost(Duration.ofSeconds(60))
                .until(() -> rejections.records("article:" + entity), r -> !r.isEmpty())
                .get(0);
        CommandRejected rejected = decode(record, CommandRejected.class);
        assertThat(rejected.getCommandId()).isEqualTo(command.id().toString());
        assertThat(rejected.getReason()).isEqualTo("INVALID_TAG_NAME");
        assertThat(rejected.getSource()).isEqualTo("cms");
        assertThat(TopicProbe.header(record, "event_type")).isEqualTo("CommandRejected");
        Map<String, Object> row = jdbc.sql(
                        "SELECT outcome, reason, issued_by FROM processed_events WHERE command_id = :id")
                .param("id", command.id().toString())
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("outcome", "REJECTED")
                .containsEntry("reason", "INVALID_TAG_NAME")
                .containsEntry("issued_by", "alice");
    }

    @Test
    void garbageGoesToTheDeadLetterTopicWhileGoodRecordsAroundItAreApplied() {
        String entity = unique("between");
        byte[] valid = encoder.encode(
                properties.topics().commands(), Commands.envelope(new TagAssigned("article", entity, "x")));
        Map<String, byte[]> garbage = new LinkedHashMap<>();
        garbage.put("random", randomBytes(64));
        garbage.put("wrong-magic", withByte(valid, 0, (byte) 1));
        garbage.put("unknown-schema", unknownSchemaId(valid));
        garbage.put("truncated", Arrays.copyOf(valid, valid.length - 6));
        garbage.put("empty", new byte[0]);
        garbage.put("oversized", randomBytes(100_000));

        int tag = 0;
        for (Map.Entry<String, byte[]> bad : garbage.entrySet()) {
            send(assign("article", entity, "good-" + tag++));
            sendRaw(("garbage:" + bad.getKey() + ":" + entity).getBytes(StandardCharsets.UTF_8), bad.getValue());
        }
        send(assign("article", entity, "good-" + tag));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(events.records("article:" + entity)).hasSize(garbage.size() + 1));
        for (Map.Entry<String, byte[]> bad : garbage.entrySet()) {
            String key = "garbage:" + bad.getKey() + ":" + entity;
            ConsumerRecord<byte[], byte[]> letter = await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetters.records(key), r -> !r.isEmpty())
                    .get(0);
            if (bad.getKey().equals("oversized")) {
                assertThat(letter.value()).isEqualTo(Arrays.copyOf(bad.getValue(), 65536));
                assertThat(TopicProbe.header(letter, "dlt_original_value_size")).isEqualTo("100000");
            } else {
                assertThat(letter.value()).as(bad.getKey()).isEqualTo(bad.getValue());
            }
            assertThat(TopicProbe.header(letter, "dlt_original_topic"))
                    .isEqualTo(properties.topics().commands());
            assertThat(TopicProbe.header(letter, "dlt_original_partition")).isNotNull();
            assertThat(TopicProbe.header(letter, "dlt_original_offset")).isNotNull();
            assertThat(TopicProbe.header(letter, "dlt_original_timestamp")).isNotNull();
            assertThat(TopicProbe.header(letter, "dlt_exception_class"))
                    .as(bad.getKey())
                    .isNotBlank();
            assertThat(TopicProbe.header(letter, "dlt_exception_message"))
                    .as(bad.getKey())
                    .isNotBlank();
            String position = properties.topics().commands() + "/" + TopicProbe.header(letter, "dlt_original_partition")
                    + "/" + TopicProbe.header(letter, "dlt_original_offset") + "/"
                    + TopicProbe.header(letter, "dlt_original_timestamp");
            assertThat(jdbc.sql("SELECT outcome FROM processed_events WHERE command_id = :p")
                            .param("p", position)
                            .query(String.class)
                            .single())
                    .isEqualTo("DEAD_LETTERED");
        }
        assertThat(exceptionOf("wrong-magic", entity)).contains("BadMagicByte");
        assertThat(exceptionOf("unknown-schema", entity)).contains("UnknownSchemaId");
        assertThat(exceptionOf("truncated", entity)).contains("Truncated");
    }

    @Test
    void aNulCharacterInTheActorIsRefusedAndItsPartitionKeepsGoing() {
        String entity = unique("nul");
        Commands.Keyed poisoned = assign("article", entity, unique("t"));
        poisoned.command().setIssuedBy("ali\u0000ce");
        Commands.Keyed canary = assign("article", entity, unique("canary"));
        send(poisoned, canary);

        assertThat(events.await("article:" + entity, 1)).hasSize(1);
        assertThat(outcomeOf(poisoned.id())).isEqualTo("REJECTED");
        assertThat(jdbc.sql("SELECT issued_by FROM processed_events WHERE command_id = :id")
                        .param("id", poisoned.id().toString())
                        .query(String.class)
                        .single())
                .isEqualTo("ali\uFFFDce");
    }

    private String exceptionOf(String kind, String entity) {
        return TopicProbe.header(
                deadLetters.records("garbage:" + kind + ":" + entity).get(0), "dlt_exception_class");
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }

    private static byte[] withByte(byte[] source, int index, byte value) {
        byte[] copy = source.clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] unknownSchemaId(byte[] source) {
        byte[] copy = source.clone();
        ByteBuffer.wrap(copy).putInt(1, 987_654_321);
        return copy;
    }
}
