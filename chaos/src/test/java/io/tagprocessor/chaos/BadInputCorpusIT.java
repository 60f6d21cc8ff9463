package io.tagprocessor.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagDeleted;
import io.tagprocessor.avro.command.TagRenamed;
import io.tagprocessor.avro.rejection.CommandRejected;
import io.tagprocessor.chaos.workload.Encoder;
import io.tagprocessor.chaos.workload.Garbage;
import io.tagprocessor.testinfra.TopicReader;
import io.tagprocessor.wire.ConfluentAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's bad-input corpus: each hostile record must end REJECTED (with its reason code) or
 * DEAD_LETTERED (with the exception that says why, and its original bytes on the DLT), and a valid
 * command sent right after each one must still be applied: the consumer keeps going. Oversized
 * records and NUL characters are in {@link ServiceFindingsIT}: today they stall the service.
 */
class BadInputCorpusIT {

    private static CorpusFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new CorpusFixture("corpus", false, Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /**
     * One hostile record and how it must end: REJECTED or DEAD_LETTERED, and a reason (a regex the
     * recorded reason starts with; a dead letter's reason goes on with ": " and the message).
     */
    record Hostile(String name, String key, byte[] value, UUID commandId, String outcome, String reason) {}

    @Test
    void everyHostileInputIsRefusedPreciselyWhileTheConsumerKeepsGoing() {
        List<Hostile> corpus = corpus(fixture.encoder);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        Map<Hostile, String> claimKeys = new HashMap<>();
        List<UUID> canaries = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Hostile hostile = corpus.get(i);
            RecordMetadata sent = fixture.send(hostile.key(), hostile.value());
            String position = ChaosStack.TOPICS.commands() + "/" + sent.partition() + "/" + sent.offset() + "/"
                    + sent.timestamp();
            claimKeys.put(
                    hostile,
                    hostile.outcome().equals("DEAD_LETTERED")
                            ? position
                            : hostile.commandId().toString());
            TagCommand canary = command(new TagAssigned("canary", Integer.toString(i), "Canary"));
            canaries.add(canary.getCommandId());
            fixture.send("canary:" + i, fixture.encoder.command(canary));
        }

        await("every canary applied and every hostile record accounted for")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(canaries)
                            .allSatisfy(id -> assertThat(fixture.claim(id.toString()))
                                    .hasValueSatisfying(c -> assertThat(c[0]).isEqualTo("APPLIED")));
                    assertThat(corpus)
                            .allSatisfy(h ->
                                    assertThat(fixture.claim(claimKeys.get(h))).isPresent());
                });
        await("outbox published").atMost(Duration.ofMinutes(1)).until(() -> fixture.stack.database.outboxCount() == 0);

        Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = new HashMap<>();
        TopicReader.readAll(fixture.stack.bootstrapServers(), ChaosStack.TOPICS.deadLetter())
                .forEach(r -> deadLetters.put(
                        ChaosStack.TOPICS.commands() + "/" + TopicReader.header(r, "dlt_original_partition") + "/"
                                + TopicReader.header(r, "dlt_original_offset") + "/"
                                + TopicReader.header(r, "dlt_original_timestamp"),
                        r));
        ConfluentAvroDeserializer<CommandRejected> rejections =
                new ConfluentAvroDeserializer<>(fixture.encoder.registry(), CommandRejected.class);
        Map<String, String> rejected = new HashMap<>();
        TopicReader.readAll(fixture.stack.bootstrapServers(), ChaosStack.TOPICS.rejections())
                .forEach(r -> {
                    CommandRejected c = rejections.deserialize(ChaosStack.TOPICS.rejections(), r.value());
                    rejected.put(c.getCommandId(), c.getReason());
                });

        List<String> wrong = new ArrayList<>();
        for (Hostile hostile : corpus) {
            String key = claimKeys.get(hostile);
            String[] claim = fixture.claim(key).orElseThrow();
            String seen = claim[0] + "/" + claim[1];
            if (!claim[0].equals(hostile.outcome())
                    || claim[1] == null
                    || !claim[1].matches("(?s)(" + hostile.reason() + ")(: .*)?")) {
                wrong.add(
                        hostile.name() + ": expected " + hostile.outcome() + "/" + hostile.reason() + ", got " + seen);
            } else if (hostile.outcome().equals("DEAD_LETTERED")) {
                ConsumerRecord<byte[], byte[]> letter = deadLetters.get(key);
                if (letter == null) {
                    wrong.add(hostile.name() + ": no record on " + ChaosStack.TOPICS.deadLetter());
                } else if (!java.util.Arrays.equals(letter.value(), hostile.value())
                        || TopicReader.header(letter, "dlt_exception_message") == null
                        || !TopicReader.header(letter, "dlt_exception_class").endsWith(claim[1].split(":")[0])) {
                    wrong.add(hostile.name() + ": dead letter without its original bytes or reason");
                }
            } else if (!claim[1].equals(rejected.get(key))) {
                wrong.add(hostile.name() + ": CommandRejected says " + rejected.get(key));
            }
        }
        assertThat(wrong).as("hostile inputs that did not end as they must").isEmpty();
    }

    static List<Hostile> corpus(Encoder encoder) {
        int schemaId =
                encoder.registry().register(ChaosStack.TOPICS.commands() + "-value", TagCommand.getClassSchema());
        Random random = new Random(4);
        List<Hostile> corpus = new ArrayList<>();
        for (Garbage kind : Garbage.values()) {
            String reason = switch (kind) {
                case RANDOM_BYTES, WRONG_MAGIC_BYTE -> "BadMagicByte";
                case UNKNOWN_SCHEMA_ID -> "UnknownSchemaId";
                case TRUNCATED_AVRO -> "TruncatedRecord";
                case TRAILING_BYTES, COMMAND_ID_NOT_A_UUID -> "MalformedRecord";
                default -> "IllegalArgumentException";
            };
            corpus.add(dead(kind.name().toLowerCase(), encoder.garbage(kind, random), reason));
        }
        corpus.add(dead("three bytes", new byte[] {0, 0, 0}, "TruncatedRecord"));
        corpus.add(dead("header only", new RawAvro(schemaId).build(), "TruncatedRecord"));
        String id = UUID.randomUUID().toString();
        corpus.add(dead(
                "invalid UTF-8 in the tag name",
                new RawAvro(schemaId)
                        .envelope(id)
                        .varint(0)
                        .string("doc")
                        .string("e1")
                        .bytes(new byte[] {'a', (byte) 0xC3, '('})
                        .build(),
                "MalformedRecord"));
        corpus.add(dead(
                "invalid UTF-8 in the entity id",
                new RawAvro(schemaId)
                        .envelope(id)
                        .varint(0)
                        .string("doc")
                        .bytes(new byte[] {(byte) 0xFF, (byte) 0xFE})
                        .string("t")
                        .build(),
                "MalformedRecord"));
        corpus.add(dead(
                "UTF-16 surrogate encoded in UTF-8",
                new RawAvro(schemaId)
                        .envelope(id)
                        .varint(0)
                        .string("doc")
                        .bytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})
                        .string("t")
                        .build(),
                "MalformedRecord"));
        corpus.add(dead(
                "string length of 2 GB in a 40-byte record",
                new RawAvro(schemaId)
                        .envelope(id)
                        .varint(0)
                        .string("doc")
                        .varint(Integer.MAX_VALUE)
                        .build(),
                "TruncatedRecord|MalformedRecord"));
        corpus.add(dead(
                "negative string length",
                new RawAvro(schemaId)
                        .envelope(id)
                        .varint(0)
                        .string("doc")
                        .varint(-5)
                        .build(),
                "MalformedRecord"));
        corpus.add(dead(
                "union branch 7 of a 7-branch union",
                new RawAvro(schemaId)
                        .envelope(id)
                        .varint(7)
                        .string("doc")
                        .string("e1")
                        .string("t")
                        .build(),
                "MalformedRecord"));
        corpus.add(dead(
                "array claiming a billion tags",
                new RawAvro(schemaId)
                        .envelope(id)
                        .varint(2)
                        .string("doc")
                        .string("e1")
                        .varint(1_000_000_000)
                        .build(),
                "TruncatedRecord|MalformedRecord"));
        corpus.add(dead("unknown union branch from a newer writer schema", newerWriter(encoder), "IncompatibleSchema"));

        corpus.add(rejected(
                "SQL in a tag name",
                "doc:e1",
                new TagAssigned("doc", "e1", "x'); DROP TABLE tags;--"),
                "INVALID_TAG_NAME"));
        corpus.add(rejected(
                "escape sequence in a tag name",
                "doc:e1",
                new TagAssigned("doc", "e1", "\u001b[31mred"),
                "INVALID_TAG_NAME"));
        corpus.add(rejected(
                "right-to-left override in a tag name",
                "doc:e1",
                new TagAssigned("doc", "e1", "abc\u202Edef"),
                "INVALID_TAG_NAME"));
        corpus.add(rejected("empty tag name", "doc:e1", new TagAssigned("doc", "e1", ""), "INVALID_TAG_NAME"));
        corpus.add(rejected("blank tag name", "doc:e1", new TagAssigned("doc", "e1", " \t "), "INVALID_TAG_NAME"));
        corpus.add(rejected(
                "65-character tag name", "doc:e1", new TagAssigned("doc", "e1", "t".repeat(65)), "INVALID_TAG_NAME"));
        corpus.add(rejected(
                "tag name that outgrows 64 characters lower-cased",
                "doc:e1",
                new TagAssigned("doc", "e1", "\u0130".repeat(64)),
                "INVALID_TAG_NAME"));
        corpus.add(rejected("empty entity id", "doc:", new TagAssigned("doc", "", "t"), "INVALID_ENTITY_ID"));
        corpus.add(rejected(
                "control character in an entity id",
                "doc:x",
                new TagAssigned("doc", "a\u0007b", "t"),
                "INVALID_ENTITY_ID"));
        corpus.add(rejected(
                "line separator as an entity id", "doc:x", new TagAssigned("doc", "\u2028", "t"), "INVALID_ENTITY_ID"));
        corpus.add(rejected(
                "10,000-character entity id",
                "doc:x",
                new TagAssigned("doc", "i".repeat(10_000), "t"),
                "INVALID_ENTITY_ID"));
        corpus.add(rejected("empty entity type", ":e1", new TagAssigned("", "e1", "t"), "INVALID_ENTITY_TYPE"));
        corpus.add(rejected(
                "SQL as an entity type",
                "x:e1",
                new TagAssigned("doc; DROP TABLE entities", "e1", "t"),
                "INVALID_ENTITY_TYPE"));
        corpus.add(rejected(
                "oversized tag set (101)", "doc:e1", new EntityTagsReplaced("doc", "e1", names(101)), "TOO_MANY_TAGS"));
        corpus.add(rejected(
                "oversized tag set (20,000)",
                "doc:e1",
                new EntityTagsReplaced("doc", "e1", names(20_000)),
                "TOO_MANY_TAGS"));
        corpus.add(
                rejected("color that is not #RRGGBB", "tag:t", new TagDefined("t", "d", "#GGGGGG"), "INVALID_COLOR"));
        corpus.add(rejected(
                "501-character description",
                "tag:t",
                new TagDefined("t", "d".repeat(501), null),
                "INVALID_DESCRIPTION"));
        corpus.add(rejected(
                "rename of a tag nobody defined", "tag:nobody", new TagRenamed("nobody", "somebody"), "TAG_NOT_FOUND"));
        corpus.add(rejected(
                "entity command under another entity's key",
                "doc:e2",
                new TagAssigned("doc", "e1", "t"),
                "KEY_MISMATCH"));
        corpus.add(
                rejected("tag command under an entity key", "doc:e1", new TagDefined("t", "d", null), "KEY_MISMATCH"));
        corpus.add(rejected(
                "tag command under a differently spelled tag key", "tag:T", new TagDeleted("t"), "KEY_MISMATCH"));
        TagCommand emptyActor = command(new TagAssigned("doc", "e1", "t"));
        emptyActor.setIssuedBy("");
        corpus.add(rejected("empty issuedBy", "doc:e1", emptyActor, "INVALID_ACTOR"));
        TagCommand hugeActor = command(new TagAssigned("doc", "e1", "t"));
        hugeActor.setIssuedBy("a".repeat(100_000));
        corpus.add(rejected("100 KB issuedBy", "doc:e1", hugeActor, "INVALID_ACTOR"));
        TagCommand badSource = command(new TagAssigned("doc", "e1", "t"));
        badSource.setSource("line\nbreak");
        corpus.add(rejected("newline in source", "doc:e1", badSource, "INVALID_SOURCE"));
        TagCommand longCorrelation = command(new TagAssigned("doc", "e1", "t"));
        longCorrelation.setCorrelationId("c".repeat(129));
        corpus.add(rejected("129-character correlationId", "doc:e1", longCorrelation, "INVALID_CORRELATION_ID"));
        return corpus;
    }

    private static Hostile dead(String name, byte[] value, String reason) {
        return new Hostile(name, "doc:hostile", value, null, "DEAD_LETTERED", reason);
    }

    private static Hostile rejected(String name, String key, Object payload, String reason) {
        return rejected(name, key, command(payload), reason);
    }

    private static Hostile rejected(String name, String key, TagCommand command, String reason) {
        return new Hostile(name, key, encoderOf().command(command), command.getCommandId(), "REJECTED", reason);
    }

    private static Encoder encoderOf() {
        return fixture.encoder;
    }

    static TagCommand command(Object payload) {
        return new TagCommand(UUID.randomUUID(), Instant.now(), "corpus", "chaos", null, payload);
    }

    private static List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            names.add("n" + n);
        }
        return names;
    }

    /** TagCommand as a newer producer might write it: one more payload branch, registered (BACKWARD-compatible). */
    private static byte[] newerWriter(Encoder encoder) {
        String json = TagCommand.getClassSchema()
                .toString()
                .replace(
                        "{\"type\":\"record\",\"name\":\"EntityDeleted\"",
                        "{\"type\":\"record\",\"name\":\"TagsMerged\",\"fields\":[{\"name\":\"from\",\"type\":\"string\"},"
                                + "{\"name\":\"into\",\"type\":\"string\"}]},{\"type\":\"record\",\"name\":\"EntityDeleted\"");
        Schema newer = new Schema.Parser().parse(json);
        int id = encoder.registry().register(ChaosStack.TOPICS.commands() + "-value", newer);
        Schema merged = newer.getField("payload").schema().getTypes().stream()
                .filter(s -> s.getName().equals("TagsMerged"))
                .findFirst()
                .orElseThrow();
        GenericRecord payload = new GenericData.Record(merged);
        payload.put("from", "a");
        payload.put("into", "b");
        return Encoder.frame(
                id, newer, CorpusFixture.genericCommand(newer, UUID.randomUUID().toString(), payload));
    }
}
