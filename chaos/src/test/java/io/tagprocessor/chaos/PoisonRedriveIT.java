package io.tagprocessor.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.chaos.redrive.Redrive;
import io.tagprocessor.testinfra.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A command that fails while being applied, for a reason that is not transient (here a database
 * trigger that refuses one entity, standing in for a bug or bad data), is dead-lettered without
 * holding up the other entities; once the cause is fixed, {@link Redrive} applies it after all.
 */
class PoisonRedriveIT {

    private static final String POISON_TRIGGER = """
            CREATE FUNCTION chaos_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.entity_id LIKE 'poison-%' THEN
                RAISE EXCEPTION 'chaos poison for %', NEW.entity_id USING ERRCODE = 'P0001';
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER chaos_poison BEFORE INSERT OR UPDATE ON entities
              FOR EACH ROW EXECUTE FUNCTION chaos_poison();
            """;
    private static final String REMOVE_POISON_TRIGGER = "DROP TRIGGER chaos_poison ON entities";
    private static final Duration ISOLATION_BUDGET = Duration.ofSeconds(30);

    private static CorpusFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new CorpusFixture("poison");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void poisonIsDeadLetteredWithoutStallingOthersAndRedrivenOnceFixed() throws Exception {
        fixture.execute(POISON_TRIGGER);
        List<UUID> others = new ArrayList<>();
        TagCommand poison = BadInputCorpusIT.command(new TagAssigned("doc", "poison-1", "Calm"));
        long sentAt = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            if (i == 100) {
                fixture.send("doc:poison-1", fixture.encoder.command(poison));
            }
            TagCommand other = BadInputCorpusIT.command(new TagAssigned("doc", "calm-" + i, "Calm"));
            others.add(other.getCommandId());
            fixture.send("doc:calm-" + i, fixture.encoder.command(other));
        }

        await("the other entities applied within " + ISOLATION_BUDGET.toSeconds() + " s")
                .atMost(ISOLATION_BUDGET)
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(others)
                        .allSatisfy(id -> assertThat(fixture.claim(id.toString()))
                                .hasValueSatisfying(c -> assertThat(c[0]).isEqualTo("APPLIED"))));
        long isolatedWithinMillis = Duration.ofNanos(System.nanoTime() - sentAt).toMillis();
        String poisonId = poison.getCommandId().toString();
        assertThat(fixture.claim(poisonId))
                .hasValueSatisfying(c -> assertThat(c[0]).isEqualTo("DEAD_LETTERED"));

        ConsumerRecord<byte[], byte[]> letter = await("the dead letter on " + ChaosStack.TOPICS.deadLetter())
                .atMost(Duration.ofSeconds(30))
                .until(() -> deadLetterOf("doc:poison-1"), r -> r != null);
        assertThat(TopicReader.header(letter, "dlt_exception_message")).contains("chaos poison for poison-1");
        assertThat(TopicReader.header(letter, "dlt_original_topic")).isEqualTo(ChaosStack.TOPICS.commands());
        assertThat(prometheus())
                .containsPattern("tag_processor_commands_total\\{[^}]*outcome=\"dead_lettered\"[^}]*\\} [1-9]");
        assertThat(Files.readString(fixture.service.logFile())).contains("event=record_failed");

        fixture.execute(REMOVE_POISON_TRIGGER);
        Redrive.Result result;
        try (Connection database = fixture.stack.database.connect()) {
            result = Redrive.redrive(
                    fixture.stack.bootstrapServers(),
                    database,
                    fixture.encoder.registry(),
                    letter.partition(),
                    letter.offset());
        }
        assertThat(result.claimReleased()).isTrue();
        await("the re-driven command applied")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(fixture.claim(poisonId)).hasValueSatisfying(c -> {
                    assertThat(c[0]).isEqualTo("APPLIED");
                    assertThat(c[2]).isEqualTo(result.partition() + "/" + result.offset());
                }));
        System.out.println("poison: others_applied_within_ms=" + isolatedWithinMillis + " redriven_to="
                + result.partition() + "/" + result.offset());
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterOf(String key) {
        return TopicReader.readAll(fixture.stack.bootstrapServers(), ChaosStack.TOPICS.deadLetter()).stream()
                .filter(r -> key.equals(TopicReader.key(r)))
                .findFirst()
                .orElse(null);
    }

    private static String prometheus() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.service.baseUrl() + "/actuator/prometheus"))
                .GET()
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
