package io.tagprocessor.command;

import io.tagprocessor.config.FatalErrorHandler;
import io.tagprocessor.config.LogScope;
import io.tagprocessor.config.ProcessingMode;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.store.CommandOffsetsRepository;
import io.tagprocessor.store.NextOffset;
import io.tagprocessor.store.StatementPipeline;
import io.tagprocessor.wire.WireFormatException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction boundary of the consumer: one database transaction per poll batch, committed
 * before the container commits the offsets. Each transaction also records, for the consumer group,
 * the next offset of every partition it read ({@code command_offsets}), so the database knows
 * exactly which commands it holds. A transient failure propagates (the error handler retries the
 * whole batch with back-off); any other failure rolls the batch back and commits it again in halves
 * (bisection), so the failing record is dead-lettered and the rest commit; a failure that is no
 * record's fault (the registry refusing the service's own output schema) stops processing. In
 * {@link ProcessingMode#SIMPLE} every record gets its own transaction from the start. An operator
 * replay ({@link #replay}) goes the same way but records no offsets: it is not the group reading.
 * Every line logged on the way carries the batch's (or the record's) log context ({@link Mdc}); what
 * committed is counted and logged by {@link BatchObserver}.
 */
@Service
public class CommandBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(CommandBatchProcessor.class);

    private final CommandReader reader;
    private final CommandApplier applier;
    private final OutboxRepository outbox;
    private final CommandOffsetsRepository offsets;
    private final TransactionTemplate transactions;
    private final JdbcOperations jdbc;
    private final BatchObserver observer;
    private final ProcessingMode mode;
    private final FatalErrorHandler fatal;
    private final String groupId;

    CommandBatchProcessor(
            CommandReader reader,
            CommandApplier applier,
            OutboxRepository outbox,
            CommandOffsetsRepository offsets,
            TransactionTemplate transactions,
            JdbcOperations jdbc,
            BatchObserver observer,
            TagProcessorProperties properties,
            FatalErrorHandler fatal) {
        this.reader = reader;
        this.applier = applier;
        this.outbox = outbox;
        this.offsets = offsets;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.observer = observer;
        this.mode = properties.mode();
        this.fatal = fatal;
        this.groupId = properties.consumer().groupId();
    }

    /** Processes a poll batch of the consumer group, recording the group's next offsets with it. */
    public Map<Disposition, Integer> process(List<ConsumerRecord<byte[], byte[]>> records) {
        return process(records, true);
    }

    /** Re-reads records for an operator replay: the normal path, but no offsets are recorded. */
    public Map<Disposition, Integer> replay(List<ConsumerRecord<byte[], byte[]>> records) {
        return process(records, false);
    }

    /** The key each record is (or would be) claimed under in {@code processed_events}; nothing is written. */
    public List<String> claimKeys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(RawRecord::of)
                .map(reader::read)
                .map(ReadCommand::claimKey)
                .toList();
    }

    private Map<Disposition, Integer> process(List<ConsumerRecord<byte[], byte[]>> records, boolean ownsOffsets) {
        long start = System.nanoTime();
        List<RawRecord> raws = records.stream().map(RawRecord::of).toList();
        try (LogScope scope = Mdc.batch(raws)) {
            List<ReadCommand> batch = raws.stream().map(reader::read).toList();
            List<Verdict> verdicts = new ArrayList<>(batch.size());
            boolean isolated = mode == ProcessingMode.SIMPLE;
            if (isolated) {
                batch.forEach(read -> verdicts.add(processAlone(read, ownsOffsets)));
            } else {
                try {
                    verdicts.addAll(commit(batch, ownsOffsets));
                } catch (RuntimeException e) {
                    if (Transience.isTransient(e) || stopsForOwnSchema(e)) {
                        throw e;
                    }
                    log.warn("event=batch_isolating records={} error={}", batch.size(), e.toString());
                    isolated = true;
                    verdicts.addAll(bisect(batch, ownsOffsets));
                }
            }
            observer.finished(batch, verdicts, System.nanoTime() - start, isolated);
            Map<Disposition, Integer> tally = new EnumMap<>(Disposition.class);
            verdicts.forEach(verdict -> tally.merge(verdict.disposition(), 1, Integer::sum));
            return tally;
        }
    }

    /** Applies the records in one transaction; once it committed, counts and logs them. */
    private List<Verdict> commit(List<ReadCommand> batch, boolean ownsOffsets) {
        List<Verdict> verdicts = transactions.execute(status -> {
            List<OutboxRow> rows = new ArrayList<>();
            StatementPipeline writes = new StatementPipeline();
            List<Verdict> settled = applier.apply(batch, rows, writes);
            outbox.append(rows, writes);
            saveNextOffsets(batch, ownsOffsets, writes);
            writes.run(jdbc);
            return settled;
        });
        observer.committed(batch, verdicts);
        return verdicts;
    }

    private void saveNextOffsets(List<ReadCommand> batch, boolean ownsOffsets, StatementPipeline writes) {
        if (!ownsOffsets) {
            return;
        }
        Map<String, NextOffset> next = new LinkedHashMap<>();
        for (ReadCommand read : batch) {
            RawRecord raw = read.raw();
            next.merge(
                    raw.topic() + '/' + raw.partition(),
                    new NextOffset(raw.topic(), raw.partition(), raw.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        offsets.save(groupId, List.copyOf(next.values()), writes);
    }

    /**
     * Commits a failed batch in halves, in order, each half that fails halved again, down to single
     * records ({@link #processAlone}): one failing record among n costs about 2·log2(n) transactions,
     * not n.
     */
    private List<Verdict> bisect(List<ReadCommand> failed, boolean ownsOffsets) {
        if (failed.size() == 1) {
            return List.of(processAlone(failed.get(0), ownsOffsets));
        }
        List<Verdict> verdicts = new ArrayList<>(failed.size());
        int half = failed.size() / 2;
        for (List<ReadCommand> part : List.of(failed.subList(0, half), failed.subList(half, failed.size()))) {
            try {
                verdicts.addAll(part.size() == 1 ? bisect(part, ownsOffsets) : commit(part, ownsOffsets));
            } catch (RuntimeException e) {
                if (Transience.isTransient(e) || stopsForOwnSchema(e)) {
                    throw e;
                }
                verdicts.addAll(bisect(part, ownsOffsets));
            }
        }
        return verdicts;
    }

    private Verdict processAlone(ReadCommand read, boolean ownsOffsets) {
        try {
            return commit(List.of(read), ownsOffsets).get(0);
        } catch (RuntimeException e) {
            if (Transience.isTransient(e) || stopsForOwnSchema(e)) {
                throw e;
            }
            try (LogScope scope = Mdc.record(read, List.of())) {
                log.error("event=record_failed claim_key={} error={}", read.claimKey(), e.toString(), e);
            }
            Verdict verdict = transactions.execute(status -> {
                List<OutboxRow> rows = new ArrayList<>();
                StatementPipeline writes = new StatementPipeline();
                Verdict deadLettered = applier.deadLetter(read, e, rows);
                outbox.append(rows, writes);
                saveNextOffsets(List.of(read), ownsOffsets, writes);
                writes.run(jdbc);
                return deadLettered;
            });
            observer.committed(List.of(read), List.of(verdict));
            return verdict;
        }
    }

    /**
     * The registry refused a schema of the service's own output (409 or 422 when registering an event
     * schema): no command is at fault, so none may be dead-lettered; processing stops (the process
     * ends, see {@link FatalErrorHandler}) until an operator fixes the registry or its compatibility.
     */
    private boolean stopsForOwnSchema(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WireFormatException.SchemaRejected refused) {
                log.error("event=output_schema_refused action=stop error={}", refused.getMessage());
                fatal.fatal("listener", refused);
                return true;
            }
        }
        return false;
    }
}
