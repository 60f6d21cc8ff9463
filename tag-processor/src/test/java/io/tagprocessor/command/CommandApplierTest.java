package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.fanout.Fanout;
import io.tagprocessor.idempotency.ProcessedEvent;
import io.tagprocessor.idempotency.ProcessedEventsRepository;
import io.tagprocessor.idempotency.ProcessedEventsRepository.OutcomeCorrection;
import io.tagprocessor.outbox.OutboxRecords;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.store.StatementPipeline;
import io.tagprocessor.store.TagStructureLock;
import io.tagprocessor.tagging.Change;
import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.CommandContext;
import io.tagprocessor.tagging.EntityBatchTagger;
import io.tagprocessor.tagging.EntityKey;
import io.tagprocessor.tagging.Outcome;
import io.tagprocessor.tagging.TagCommandHandler;
import io.tagprocessor.tagging.TagName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * How a batch is claimed, split into runs and settled: entity commands in sets between tag
 * restructures, duplicates recognised by their claim, and the claim corrected where the outcome
 * differs. The store and the domain are stubbed; what is checked is the applier's own decisions.
 */
class CommandApplierTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final EntityKey ORDER = new EntityKey("order", "42");

    private final ProcessedEventsRepository processed = mock(ProcessedEventsRepository.class);
    private final TagStructureLock lock = mock(TagStructureLock.class);
    private final EntityBatchTagger entityTagger = mock(EntityBatchTagger.class);
    private final TagCommandHandler tagHandler = mock(TagCommandHandler.class);
    private final Fanout fanout = mock(Fanout.class);
    private final Barriers barriers = mock(Barriers.class);
    private final CommandApplier applier;
    private final Set<String> claimedBefore = new HashSet<>();

    CommandApplierTest() {
        TagProcessorProperties properties = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("tag-processor", TagProcessorProperties.class);
        OutcomeRows outcomeRows = new OutcomeRows(
                new OutboxRecords(
                        properties, (topic, record) -> record.toString().getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(NOW, ZoneOffset.UTC),
                properties);
        applier = new CommandApplier(
                processed,
                lock,
                entityTagger,
                tagHandler,
                fanout,
                outcomeRows,
                barriers,
                Clock.fixed(NOW, ZoneOffset.UTC));
        when(processed.claimAll(anyList(), any())).thenAnswer(call -> {
            List<ProcessedEvent> claims = call.getArgument(0);
            return claims.stream()
                    .map(ProcessedEvent::commandId)
                    .filter(key -> !claimedBefore.contains(key))
                    .collect(Collectors.toSet());
        });
        when(entityTagger.apply(anyList(), anyList())).thenAnswer(call -> {
            List<Command> commands = call.getArgument(0);
            return commands.stream().map(CommandApplierTest::applied).toList();
        });
    }

    @Test
    void entityCommandsAreAppliedInSetsBetweenTagRestructuresUnderTheExclusiveLock() {
        ReadCommand first = valid(1, new Command.Assign(ORDER, TagName.parse("a")));
        ReadCommand second = valid(2, new Command.DefineTag(TagName.parse("b"), null, null));
        ReadCommand rename = valid(3, new Command.RenameTag(TagName.parse("a"), TagName.parse("c")));
        ReadCommand third = valid(4, new Command.Assign(ORDER, TagName.parse("c")));
        when(tagHandler.apply(any(), any())).thenReturn(new Outcome.NoEffect());

        List<Verdict> verdicts =
                applier.apply(List.of(first, second, rename, third), new ArrayList<>(), new StatementPipeline());

        assertThat(verdicts)
                .extracting(Verdict::disposition)
                .containsExactly(Disposition.APPLIED, Disposition.APPLIED, Disposition.NO_EFFECT, Disposition.APPLIED);
        verify(lock).exclusive();
        verify(lock, never()).shared(any());
        verify(entityTagger).apply(eq(List.of(command(first), command(second))), anyList());
        verify(entityTagger).apply(eq(List.of(command(third))), anyList());
        verify(tagHandler).apply(eq(command(rename)), any());
        verify(barriers).record(anyList(), eq(2));
    }

    @Test
    void aRecordClaimedBeforeOrTwiceInTheBatchIsADuplicateAndNotApplied() {
        ReadCommand seen = valid(1, new Command.Assign(ORDER, TagName.parse("a")));
        ReadCommand fresh = valid(2, new Command.Assign(ORDER, TagName.parse("b")));
        ReadCommand again = new ReadCommand.Valid(raw(3), ((ReadCommand.Valid) fresh).context(), command(fresh), null);
        claimedBefore.add(seen.claimKey());

        List<Verdict> verdicts = applier.apply(List.of(seen, fresh, again), new ArrayList<>(), new StatementPipeline());

        assertThat(verdicts)
                .extracting(Verdict::disposition)
                .containsExactly(Disposition.DUPLICATE, Disposition.APPLIED, Disposition.DUPLICATE);
        verify(lock).shared(any());
        verify(entityTagger).apply(eq(List.of(command(fresh))), anyList());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ProcessedEvent>> copies = ArgumentCaptor.forClass(List.class);
        verify(processed).recordCopies(copies.capture());
        assertThat(copies.getValue()).extracting(ProcessedEvent::offset).containsExactly(1L, 3L);
    }

    @Test
    void theClaimIsCorrectedWhereTheOutcomeDiffersFromApplied() {
        ReadCommand refused = valid(1, new Command.DeleteTag(TagName.parse("gone")));
        when(tagHandler.apply(any(), any()))
                .thenReturn(new Outcome.Refused(io.tagprocessor.tagging.RejectionReason.TAG_NOT_FOUND, "no"));
        List<OutboxRow> out = new ArrayList<>();

        List<Verdict> verdicts = applier.apply(List.of(refused), out, new StatementPipeline());

        assertThat(verdicts).extracting(Verdict::disposition).containsExactly(Disposition.REJECTED);
        assertThat(out).extracting(OutboxRow::topic).containsExactly("tag-command-rejections");
        verify(processed)
                .recordOutcomes(
                        eq(List.of(new OutcomeCorrection(refused.claimKey(), "REJECTED", "TAG_NOT_FOUND"))), any());
    }

    @Test
    void aRecordFailingForGoodIsClaimedAsDeadLetteredOnceAndThenADuplicate() {
        ReadCommand poison = valid(1, new Command.Assign(ORDER, TagName.parse("a")));
        List<OutboxRow> out = new ArrayList<>();

        Verdict first = applier.deadLetter(poison, new IllegalStateException("bug"), out);
        claimedBefore.add(poison.claimKey());
        Verdict second = applier.deadLetter(poison, new IllegalStateException("bug"), out);

        assertThat(first.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(first.reason()).isEqualTo("IllegalStateException");
        assertThat(second.disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(out).extracting(OutboxRow::topic).containsExactly("tag-commands.DLT");
    }

    private static Outcome applied(Command command) {
        if (command instanceof Command.OfEntity entityCommand) {
            return Outcome.of(List.of(
                    new Change.EntityTagsChanged(entityCommand.entity(), List.of("x"), List.of(), List.of("x"), 1)));
        }
        Command.DefineTag define = (Command.DefineTag) command;
        return Outcome.of(List.of(new Change.TagDefined(define.tag(), null, null, true, define.key())));
    }

    private static Command command(ReadCommand read) {
        return ((ReadCommand.Valid) read).command();
    }

    private static ReadCommand valid(long offset, Command command) {
        CommandContext context = new CommandContext(UUID.randomUUID(), NOW, "alice", "crm", NOW);
        return new ReadCommand.Valid(raw(offset), context, command, null);
    }

    private static RawRecord raw(long offset) {
        return new RawRecord("tag-commands", 0, offset, 0L, "k".getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }
}
