package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.idempotency.ProcessedEventsRepository.OutcomeCorrection;
import io.tagprocessor.outbox.Headers;
import io.tagprocessor.outbox.OutboxRecords;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.tagging.Change;
import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.CommandContext;
import io.tagprocessor.tagging.EntityKey;
import io.tagprocessor.tagging.Limits;
import io.tagprocessor.tagging.Outcome;
import io.tagprocessor.tagging.RejectionReason;
import io.tagprocessor.tagging.TagName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What each way a record can end writes: its disposition, its rows, and the correction of its claim. */
class OutcomeRowsTest {

    private static final int MAX_RECORD_BYTES = 2048;
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final UUID COMMAND = UUID.fromString("6b1f0c1e-3a52-4d8e-9a43-0f4c2b7d9e11");
    private static final EntityKey ORDER = new EntityKey("order", "42");
    private static final RawRecord RAW =
            new RawRecord("tag-commands", 3, 17, 1_700_000_000_000L, bytes("order:42"), new byte[] {0, 1});

    private final TagProcessorProperties properties = properties();
    private final OutcomeRows rows = new OutcomeRows(
            new OutboxRecords(properties, (topic, record) -> record.toString().getBytes(StandardCharsets.UTF_8)),
            Clock.fixed(NOW, ZoneOffset.UTC),
            properties);
    private final ReadCommand.Valid valid = new ReadCommand.Valid(
            RAW,
            new CommandContext(COMMAND, NOW, "alice", "crm", NOW),
            new Command.Assign(ORDER, TagName.parse("gold")),
            "corr-1");

    @Test
    void anAppliedCommandWritesItsEventsAndKeepsItsClaim() {
        Change change = new Change.EntityTagsChanged(ORDER, List.of("gold"), List.of(), List.of("gold"), 1);

        OutcomeRows.Settled settled = rows.of(valid, Outcome.of(List.of(change)));

        assertThat(settled.disposition()).isEqualTo(Disposition.APPLIED);
        assertThat(settled.rows()).singleElement().extracting(OutboxRow::topic).isEqualTo("tag-events");
        assertThat(settled.correction()).isNull();
        assertThat(settled.verdict().eventIds())
                .containsExactly(settled.rows().get(0).eventId());
    }

    @Test
    void aRefusedCommandWritesARejectionAndCorrectsItsClaim() {
        OutcomeRows.Settled settled =
                rows.of(valid, new Outcome.Refused(RejectionReason.TAG_NOT_FOUND, "no tag named 'gold'"));

        assertThat(settled.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(settled.reason()).isEqualTo("TAG_NOT_FOUND");
        assertThat(settled.correction())
                .isEqualTo(new OutcomeCorrection(COMMAND.toString(), "REJECTED", "TAG_NOT_FOUND"));
        OutboxRow rejection = settled.rows().get(0);
        assertThat(rejection.topic()).isEqualTo("tag-command-rejections");
        assertThat(rejection.recordKey()).isEqualTo(RAW.key());
        assertThat(new String(rejection.payload(), StandardCharsets.UTF_8))
                .contains("\"reason\": \"TAG_NOT_FOUND\"", "\"offset\": 17", "\"partition\": 3", "\"source\": \"crm\"");
    }

    @Test
    void aCommandWithoutEffectWritesNothingAndCorrectsItsClaim() {
        OutcomeRows.Settled settled = rows.of(valid, new Outcome.NoEffect());

        assertThat(settled.disposition()).isEqualTo(Disposition.NO_EFFECT);
        assertThat(settled.rows()).isEmpty();
        assertThat(settled.correction()).isEqualTo(new OutcomeCorrection(COMMAND.toString(), "NO_EFFECT", null));
    }

    @Test
    void anInvalidCommandIsRejectedUnderItsClaimWithoutCorrection() {
        ReadCommand.Invalid invalid = new ReadCommand.Invalid(
                RAW,
                "tag-commands/3/17/1700000000000",
                "not-a-uuid",
                "alice",
                "crm",
                RejectionReason.KEY_MISMATCH,
                "key does not match",
                null);

        OutcomeRows.Settled settled = rows.refused(invalid);

        assertThat(settled.disposition()).isEqualTo(Disposition.REJECTED);
        assertThat(settled.reason()).isEqualTo("KEY_MISMATCH");
        assertThat(settled.correction()).isNull();
        assertThat(new String(settled.rows().get(0).payload(), StandardCharsets.UTF_8))
                .contains("\"commandId\": \"not-a-uuid\"", "KEY_MISMATCH");
    }

    @Test
    void anUndecodableRecordIsDeadLetteredWithWhereItCameFromAndWhy() {
        OutcomeRows.Settled settled =
                rows.refused(new ReadCommand.Undecodable(RAW, new IllegalArgumentException("bad magic byte")));

        assertThat(settled.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(settled.reason()).isEqualTo("IllegalArgumentException");
        OutboxRow letter = settled.rows().get(0);
        assertThat(letter.topic()).isEqualTo("tag-commands.DLT");
        assertThat(letter.recordKey()).isEqualTo(RAW.key());
        assertThat(letter.payload()).isEqualTo(RAW.value());
        assertThat(letter.extraHeaders())
                .containsEntry(Headers.DLT_ORIGINAL_TOPIC, "tag-commands")
                .containsEntry(Headers.DLT_ORIGINAL_PARTITION, "3")
                .containsEntry(Headers.DLT_ORIGINAL_OFFSET, "17")
                .containsEntry(Headers.DLT_ORIGINAL_TIMESTAMP, "1700000000000")
                .containsEntry(Headers.DLT_EXCEPTION_CLASS, IllegalArgumentException.class.getName())
                .containsEntry(Headers.DLT_EXCEPTION_MESSAGE, "bad magic byte")
                .doesNotContainKeys(Headers.DLT_ORIGINAL_KEY_SIZE, Headers.DLT_ORIGINAL_VALUE_SIZE);
    }

    @Test
    void aHugeKeyAndValueAreCutToWhatTheTopicsTakeAndTheirSizesKept() {
        RawRecord huge = new RawRecord(
                "tag-commands", 0, 1, 0L, new byte[Limits.ECHOED_KEY_BYTES + 5], new byte[MAX_RECORD_BYTES + 7]);

        OutboxRow letter = rows.deadLettered(huge, new IllegalStateException("x".repeat(5000)))
                .rows()
                .get(0);
        OutboxRow rejection = rows.refused(new ReadCommand.Invalid(
                        huge, "claim", "id", null, null, RejectionReason.KEY_MISMATCH, "m", null))
                .rows()
                .get(0);

        assertThat(letter.recordKey()).hasSize(Limits.ECHOED_KEY_BYTES);
        assertThat(letter.payload()).hasSize(MAX_RECORD_BYTES);
        assertThat(letter.extraHeaders())
                .containsEntry(Headers.DLT_ORIGINAL_KEY_SIZE, Integer.toString(Limits.ECHOED_KEY_BYTES + 5))
                .containsEntry(Headers.DLT_ORIGINAL_VALUE_SIZE, Integer.toString(MAX_RECORD_BYTES + 7));
        assertThat(letter.extraHeaders().get(Headers.DLT_EXCEPTION_MESSAGE).length())
                .isLessThanOrEqualTo(Limits.EXCEPTION_MESSAGE_CHARS);
        assertThat(rejection.recordKey()).hasSize(Limits.ECHOED_KEY_BYTES);
    }

    @Test
    void aRecordIsClaimedAsAppliedRejectedOrDeadLetteredBeforeItIsApplied() {
        ReadCommand.Invalid invalid =
                new ReadCommand.Invalid(RAW, "claim", "id", null, null, RejectionReason.INVALID_TAG_NAME, "m", null);
        ReadCommand.Undecodable undecodable = new ReadCommand.Undecodable(RAW, new IllegalArgumentException("bad"));

        assertThat(OutcomeRows.provisional(valid)).isEqualTo(Disposition.APPLIED);
        assertThat(OutcomeRows.provisionalReason(valid)).isNull();
        assertThat(OutcomeRows.provisional(invalid)).isEqualTo(Disposition.REJECTED);
        assertThat(OutcomeRows.provisionalReason(invalid)).isEqualTo("INVALID_TAG_NAME");
        assertThat(OutcomeRows.provisional(undecodable)).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(OutcomeRows.provisionalReason(undecodable)).isEqualTo("IllegalArgumentException: bad");
    }

    @Test
    void theReasonKeptForADeadLetterIsBounded() {
        String reason = OutcomeRows.reason(new IllegalStateException("y".repeat(10_000)));

        assertThat(reason).startsWith("IllegalStateException: yyy");
        assertThat(reason.length()).isLessThanOrEqualTo(Limits.REASON_CHARS);
    }

    private static TagProcessorProperties properties() {
        return new Binder(new MapConfigurationPropertySource(
                        Map.of("tag-processor.consumer.max-record-bytes", Integer.toString(MAX_RECORD_BYTES))))
                .bindOrCreate("tag-processor", TagProcessorProperties.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
