package io.tagprocessor.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.http.RunningService;
import io.tagprocessor.pipeline.Commands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every line of the command path carries its context: the batch's partition and offsets on the
 * summary, and a record's partition, offset, commandId, correlationId and eventIds on its own line.
 */
class LogContextIT extends RunningService {

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Logger observer;
    private Level previousLevel;

    @BeforeEach
    void captureTheConsumersLines() {
        observer = (Logger) LoggerFactory.getLogger("io.tagprocessor.command.BatchObserver");
        previousLevel = observer.getLevel();
        observer.setLevel(Level.DEBUG);
        lines.start();
        observer.addAppender(lines);
    }

    @AfterEach
    void stopCapturing() {
        observer.detachAppender(lines);
        observer.setLevel(previousLevel);
    }

    @Test
    void anAppliedCommandsLineCarriesItsIdsItsEventsAndWhereItWasRead() {
        String entity = unique("logged");
        UUID commandId = UUID.randomUUID();
        String correlation = "corr-" + UUID.randomUUID();
        TagCommand command = new TagCommand(
                commandId, Instant.now(), "alice", "cms", correlation, new TagAssigned("doc", entity, unique("t")));
        sendAndAwait(new Commands.Keyed("doc:" + entity, command));

        ILoggingEvent line =
                awaitLine(e -> commandId.toString().equals(e.getMDCPropertyMap().get("commandId")));
        Map<String, String> context = line.getMDCPropertyMap();

        assertThat(line.getFormattedMessage())
                .contains("event=command_processed")
                .contains("outcome=applied");
        assertThat(context).containsEntry("correlationId", correlation);
        assertThat(context.get("partition")).matches("\\d+");
        assertThat(context.get("offset")).matches("\\d+");
        // the entity change, and the tag its assignment created
        assertThat(context.get("eventId").split(",")).hasSize(2);
        ILoggingEvent summary = awaitSummaryOf(context);
        assertThat(summary.getFormattedMessage()).contains("applied=").contains("duration_ms=");
        // a batch of applied and no-effect records only repeats the counters: DEBUG
        boolean routine =
                summary.getFormattedMessage().matches(".* duplicate=0 rejected=0 dead_lettered=0 .*isolated=false");
        assertThat(summary.getLevel()).isEqualTo(routine ? Level.DEBUG : Level.INFO);
    }

    @Test
    void aRejectedCommandIsLoggedAtInfoWithItsReasonAndItsIdsScrubbedOfLineBreaks() {
        UUID commandId = UUID.randomUUID();
        TagCommand command = new TagCommand(
                commandId, Instant.now(), "alice", "cms", "corr\nforged", new TagAssigned("doc", "x", "fine"));
        sendAndAwait(new Commands.Keyed("doc:x", command));

        ILoggingEvent line =
                awaitLine(e -> commandId.toString().equals(e.getMDCPropertyMap().get("commandId")));

        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getFormattedMessage()).contains("outcome=rejected").contains("reason=INVALID_CORRELATION_ID");
        assertThat(line.getMDCPropertyMap()).containsEntry("correlationId", "corr?forged");
        assertThat(line.getMDCPropertyMap()).containsKey("eventId");
        ILoggingEvent summary = awaitSummaryOf(line.getMDCPropertyMap());
        assertThat(summary.getLevel()).isEqualTo(Level.INFO);
        assertThat(summary.getFormattedMessage()).doesNotContain("rejected=0");
    }

    @Test
    void anUndecodableRecordIsLoggedWithWhereItWasRead() {
        sendRaw(("garbage:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});

        ILoggingEvent line = awaitLine(e -> e.getFormattedMessage().contains("outcome=dead_lettered"));

        assertThat(line.getMDCPropertyMap()).containsKeys("partition", "offset", "eventId");
        assertThat(line.getMDCPropertyMap()).doesNotContainKey("commandId");
    }

    /** The summary of the batch that held the record logged with this context. */
    private ILoggingEvent awaitSummaryOf(Map<String, String> record) {
        return awaitLine(e -> e.getFormattedMessage().startsWith("event=batch_processed")
                && record.get("partition").equals(e.getMDCPropertyMap().get("partition"))
                && e.getMDCPropertyMap().get("offset").contains(record.get("offset")));
    }

    private ILoggingEvent awaitLine(java.util.function.Predicate<ILoggingEvent> wanted) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> matching(wanted), found -> !found.isEmpty())
                .get(0);
    }

    private List<ILoggingEvent> matching(java.util.function.Predicate<ILoggingEvent> wanted) {
        synchronized (lines.list) {
            return lines.list.stream().filter(wanted).toList();
        }
    }
}
