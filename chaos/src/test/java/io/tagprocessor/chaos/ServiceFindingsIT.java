package io.tagprocessor.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.chaos.workload.Encoder;
import io.tagprocessor.testinfra.TopicReader;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Service defects the harness found, all fixed since, each stated as the behaviour the README promises
 * so that it cannot come back. Every test starts a stack of its own (about a minute each), so they run
 * only on request: {@code -Dchaos.findings=true} (see chaos/README.md).
 */
@EnabledIfSystemProperty(named = "chaos.findings", matches = "true")
class ServiceFindingsIT {

    private static final Duration PROMPTLY = Duration.ofSeconds(45);

    /** A record just under the 1 MiB limit, on topics with the broker's defaults: its dead letter is larger. */
    @Test
    void deadLetterOfARecordJustUnderTheLimitDoesNotStallTheRelay() {
        try (CorpusFixture fixture = new CorpusFixture("finding-near-limit", false, Map.of())) {
            byte[] garbage = new byte[1_048_400];
            garbage[0] = 1;
            fixture.send("doc:near-limit", garbage);
            assertEventFollows(fixture, "doc:after-near-limit");
        }
    }

    /** Issue 4's "valid Avro with 10 MB strings", on a command topic that accepts such records. */
    @Test
    void tenMegabyteCommandIsDeadLetteredAndTheRelayKeepsGoing() {
        try (CorpusFixture fixture = new CorpusFixture("finding-10mb", true, Map.of())) {
            TagCommand big = BadInputCorpusIT.command(new TagAssigned("doc", "big", "x".repeat(10 * 1024 * 1024)));
            fixture.send("doc:big", fixture.encoder.command(big));
            assertEventFollows(fixture, "doc:after-big");
        }
    }

    /** issuedBy = NUL: refused as INVALID_ACTOR, but the refusal's issued_by column cannot hold a NUL. */
    @Test
    void nulCharacterInIssuedByDoesNotStallItsPartition() {
        try (CorpusFixture fixture = new CorpusFixture("finding-nul-actor", false, Map.of())) {
            TagCommand nul = BadInputCorpusIT.command(new TagAssigned("doc", "nul", "t"));
            nul.setIssuedBy("\u0000");
            fixture.send("doc:nul", fixture.encoder.command(nul));
            assertAppliedPromptly(fixture, "doc:nul");
            assertThat(fixture.claim(nul.getCommandId().toString()))
                    .hasValueSatisfying(c -> assertThat(c[0] + "/" + c[1]).isEqualTo("REJECTED/INVALID_ACTOR"));
        }
    }

    /** commandId = NUL (not a UUID): dead-lettered, but the exception message in the jsonb headers holds a NUL. */
    @Test
    void nulCharacterInACommandIdDoesNotStallItsPartition() {
        try (CorpusFixture fixture = new CorpusFixture("finding-nul-id", false, Map.of())) {
            fixture.send("doc:nul", notAUuid(fixture.encoder, "\u0000"));
            assertAppliedPromptly(fixture, "doc:nul");
        }
    }

    /** README: CONSUMER_GROUP_ID is the consumer group of the command listener. */
    @Test
    void consumerGroupIdIsTheGroupTheListenerJoins() throws Exception {
        try (CorpusFixture fixture =
                new CorpusFixture("finding-group", false, Map.of("CONSUMER_GROUP_ID", "chaos-group"))) {
            assertAppliedPromptly(fixture, "doc:group");
            try (Admin admin = Admin.create(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.stack.bootstrapServers()))) {
                assertThat(admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId))
                        .containsExactly("chaos-group");
            }
        }
    }

    private static void assertAppliedPromptly(CorpusFixture fixture, String key) {
        String[] parts = key.split(":", 2);
        TagCommand next = BadInputCorpusIT.command(new TagAssigned(parts[0], parts[1], "After"));
        fixture.send(key, fixture.encoder.command(next));
        await("a valid command for " + key + " applied right after")
                .atMost(PROMPTLY)
                .untilAsserted(
                        () -> assertThat(fixture.claim(next.getCommandId().toString()))
                                .hasValueSatisfying(c -> assertThat(c[0]).isEqualTo("APPLIED")));
    }

    private static void assertEventFollows(CorpusFixture fixture, String key) {
        assertAppliedPromptly(fixture, key);
        await("its event published and the dead letter with it")
                .atMost(PROMPTLY)
                .untilAsserted(() -> {
                    assertThat(fixture.stack.database.outboxCount()).isZero();
                    assertThat(TopicReader.readAll(fixture.stack.bootstrapServers(), ChaosStack.TOPICS.events()))
                            .anySatisfy(r -> assertThat(TopicReader.key(r)).isEqualTo(key));
                });
    }

    private static byte[] notAUuid(Encoder encoder, String commandId) {
        Schema schema = TagCommand.getClassSchema();
        int id = encoder.registry().register(ChaosStack.TOPICS.commands() + "-value", schema);
        GenericRecord payload = new GenericData.Record(TagAssigned.getClassSchema());
        payload.put("entityType", "doc");
        payload.put("entityId", "nul");
        payload.put("tag", "t");
        return Encoder.frame(id, schema, CorpusFixture.genericCommand(schema, commandId, payload));
    }
}
