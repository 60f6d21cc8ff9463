package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.store.CommandOffsetsRepository;
import io.tagprocessor.store.NextOffset;
import io.tagprocessor.wire.WireFormatException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

class CommandBatchProcessorTest {

    private final CommandReader reader = mock(CommandReader.class);
    private final CommandApplier applier = mock(CommandApplier.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandOffsetsRepository offsets = mock(CommandOffsetsRepository.class);
    private final List<String> fatal = new ArrayList<>();
    private final CommandBatchProcessor processor = new CommandBatchProcessor(
            reader,
            applier,
            mock(OutboxRepository.class),
            offsets,
            new InlineTransactions(),
            mock(JdbcOperations.class),
            new BatchObserver(meters),
            defaults(),
            (component, error) -> fatal.add(component + ": " + error.getMessage()));

    private final ReadCommand good = undecodable(1);
    private final ReadCommand poison = undecodable(2);
    private final ReadCommand alsoGood = undecodable(3);

    @Test
    void aRecordFailingForANonTransientReasonIsDeadLetteredAndTheRestOfItsBatchCommits() {
        DataIntegrityViolationException bug = poisonInTheMiddle();
        when(applier.deadLetter(eq(poison), eq(bug), anyList()))
                .thenReturn(new Verdict(Disposition.DEAD_LETTERED, "DataIntegrityViolationException", List.of()));

        processor.process(records(3));

        verify(applier).deadLetter(eq(poison), eq(bug), anyList());
        verify(applier, never()).deadLetter(eq(good), any(), anyList());
        assertThat(meters.counter("tag_processor.commands", "outcome", "applied")
                        .count())
                .isEqualTo(2);
        assertThat(meters.counter("tag_processor.commands", "outcome", "dead_lettered")
                        .count())
                .isEqualTo(1);
        assertThat(meters.counter(
                                "tag_processor.commands.refused",
                                "outcome",
                                "dead_lettered",
                                "reason",
                                "DataIntegrityViolationException")
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("tag_processor.batch.size").summary().count()).isEqualTo(1);
        assertThat(meters.get("tag_processor.batch.size").summary().totalAmount())
                .isEqualTo(3);
        assertThat(meters.get("tag_processor.batch.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void aFailedBatchIsCommittedInHalvesSoOnlyThePoisonedHalfIsSplitFurther() {
        List<ReadCommand> reads = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            reads.add(undecodable(i));
        }
        ReadCommand sixth = reads.get(5);
        readsAs(reads.toArray(ReadCommand[]::new));
        DataIntegrityViolationException bug = new DataIntegrityViolationException("check violated");
        when(applier.apply(anyList(), anyList(), any())).thenAnswer(call -> {
            List<ReadCommand> part = call.getArgument(0);
            if (part.contains(sixth)) {
                throw bug;
            }
            return part.stream().map(r -> Verdict.of(Disposition.APPLIED)).toList();
        });
        when(applier.deadLetter(eq(sixth), eq(bug), anyList())).thenReturn(Verdict.of(Disposition.DEAD_LETTERED));

        Map<Disposition, Integer> tally = processor.process(records(8));

        assertThat(tally).containsEntry(Disposition.APPLIED, 7).containsEntry(Disposition.DEAD_LETTERED, 1);
        verify(applier).apply(eq(reads.subList(0, 4)), anyList(), any());
        verify(applier).apply(eq(reads.subList(4, 6)), anyList(), any());
        verify(applier).apply(eq(reads.subList(6, 8)), anyList(), any());
        verify(applier, never()).apply(eq(List.of(reads.get(0))), anyList(), any());
        verify(offsets).save(eq("tag-processor"), eq(List.of(new NextOffset("tag-commands", 0, 5))), any());
        verify(offsets).save(eq("tag-processor"), eq(List.of(new NextOffset("tag-commands", 0, 9))), any());
    }

    @Test
    void aBatchRecordsTheNextOffsetOfItsPartitionInItsTransaction() {
        threeRecordsEndAs(Disposition.APPLIED, Disposition.DEAD_LETTERED, Disposition.APPLIED);

        processor.process(records(3));

        verify(offsets).save(eq("tag-processor"), eq(List.of(new NextOffset("tag-commands", 0, 4))), any());
    }

    @Test
    void theIsolationPathRecordsEachRecordsNextOffsetWithItsOwnTransaction() {
        DataIntegrityViolationException bug = poisonInTheMiddle();
        when(applier.deadLetter(eq(poison), eq(bug), anyList())).thenReturn(Verdict.of(Disposition.DEAD_LETTERED));

        processor.process(records(3));

        verify(offsets).save(eq("tag-processor"), eq(List.of(new NextOffset("tag-commands", 0, 2))), any());
        verify(offsets).save(eq("tag-processor"), eq(List.of(new NextOffset("tag-commands", 0, 3))), any());
        verify(offsets).save(eq("tag-processor"), eq(List.of(new NextOffset("tag-commands", 0, 4))), any());
    }

    @Test
    void aRegistryRefusingTheServicesOwnSchemaStopsProcessingAndDeadLettersNothing() {
        readsAs(good, poison, alsoGood);
        RuntimeException refused = new IllegalStateException(
                "encoding failed", new WireFormatException.SchemaRejected("tag-events-value", "HTTP 409"));
        when(applier.apply(anyList(), anyList(), any())).thenThrow(refused);

        assertThatThrownBy(() -> processor.process(records(3))).isSameAs(refused);
        verify(applier, never()).deadLetter(any(), any(), anyList());
        verify(offsets, never()).save(any(), anyList(), any());
        assertThat(fatal).singleElement().asString().startsWith("listener: subject tag-events-value");
    }

    @Test
    void anOperatorReplayRecordsNoOffsets() {
        threeRecordsEndAs(Disposition.DUPLICATE, Disposition.DUPLICATE, Disposition.DUPLICATE);

        assertThat(processor.replay(records(3))).isEqualTo(Map.of(Disposition.DUPLICATE, 3));
        verify(offsets, never()).save(any(), anyList(), any());
    }

    @Test
    void aTransientFailureIsThrownForTheWholeBatchToBeRetried() {
        readsAs(good, poison, alsoGood);
        when(applier.apply(eq(List.of(good, poison, alsoGood)), anyList(), any()))
                .thenThrow(new UncategorizedSQLException(
                        "apply", "UPDATE", new SQLException("deadlock detected", "40P01")));

        assertThatThrownBy(() -> processor.process(records(3))).isInstanceOf(UncategorizedSQLException.class);
        verify(applier, never()).deadLetter(any(), any(), anyList());
        assertThat(meters.find("tag_processor.commands").counters())
                .isNotEmpty()
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(meters.get("tag_processor.batch.size").summary().count()).isZero();
    }

    private void threeRecordsEndAs(Disposition first, Disposition second, Disposition third) {
        readsAs(good, poison, alsoGood);
        when(applier.apply(eq(List.of(good, poison, alsoGood)), anyList(), any()))
                .thenReturn(List.of(Verdict.of(first), Verdict.of(second), Verdict.of(third)));
    }

    /** A batch of three whose middle record fails for good: every subset holding it fails, the others apply. */
    private DataIntegrityViolationException poisonInTheMiddle() {
        readsAs(good, poison, alsoGood);
        DataIntegrityViolationException bug = new DataIntegrityViolationException("check violated");
        when(applier.apply(eq(List.of(good, poison, alsoGood)), anyList(), any()))
                .thenThrow(bug);
        when(applier.apply(eq(List.of(good)), anyList(), any())).thenReturn(List.of(Verdict.of(Disposition.APPLIED)));
        when(applier.apply(eq(List.of(poison, alsoGood)), anyList(), any())).thenThrow(bug);
        when(applier.apply(eq(List.of(poison)), anyList(), any())).thenThrow(bug);
        when(applier.apply(eq(List.of(alsoGood)), anyList(), any()))
                .thenReturn(List.of(Verdict.of(Disposition.APPLIED)));
        return bug;
    }

    private void readsAs(ReadCommand... reads) {
        for (ReadCommand read : reads) {
            when(reader.read(argThat(
                            raw -> raw != null && raw.offset() == read.raw().offset())))
                    .thenReturn(read);
        }
    }

    private static TagProcessorProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("tag-processor", TagProcessorProperties.class);
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(offset -> new ConsumerRecord<>("tag-commands", 0, offset, new byte[0], new byte[] {0}))
                .toList();
    }

    private static ReadCommand undecodable(long offset) {
        return new ReadCommand.Undecodable(
                new RawRecord("tag-commands", 0, offset, 0L, new byte[0], new byte[] {0}),
                new IllegalStateException("x"));
    }

    /** Runs the callback on the calling thread; the rollback is what the caller's exception means. */
    private static final class InlineTransactions extends TransactionTemplate {
        @Override
        public <T> T execute(TransactionCallback<T> action) {
            return action.doInTransaction(null);
        }
    }
}
