package io.tagprocessor.command;

import io.tagprocessor.config.ProcessingMode;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.store.OutboxRepository;
import io.tagprocessor.store.OutboxRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction boundary of the consumer: one database transaction per poll batch, committed
 * before the container commits the offsets. A transient failure propagates (the error handler
 * retries the whole batch with back-off); any other failure rolls the batch back and replays it
 * one record per transaction, so the failing record is dead-lettered and the rest commit. In
 * {@link ProcessingMode#SIMPLE} every record gets its own transaction from the start. Every line
 * logged on the way carries the batch's (or the record's) log context ({@link Mdc}); what committed
 * is counted and logged by {@link BatchObserver}.
 */
@Service
public class CommandBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(CommandBatchProcessor.class);

    private final CommandReader reader;
    private final CommandApplier applier;
    private final OutboxRepository outbox;
    private final TransactionTemplate transactions;
    private final BatchObserver observer;
    private final ProcessingMode mode;

    CommandBatchProcessor(
            CommandReader reader,
            CommandApplier applier,
            OutboxRepository outbox,
            TransactionTemplate transactions,
            BatchObserver observer,
            TagProcessorProperties properties) {
        this.reader = reader;
        this.applier = applier;
        this.outbox = outbox;
        this.transactions = transactions;
        this.observer = observer;
        this.mode = properties.mode();
    }

    public void process(List<ConsumerRecord<byte[], byte[]>> records) {
        long start = System.nanoTime();
        List<RawRecord> raws = records.stream().map(RawRecord::of).toList();
        try (Mdc scope = Mdc.batch(raws)) {
            List<ReadCommand> batch = raws.stream().map(reader::read).toList();
            List<Verdict> verdicts = new ArrayList<>(batch.size());
            boolean isolated = mode == ProcessingMode.SIMPLE;
            if (isolated) {
                batch.forEach(read -> verdicts.add(processAlone(read)));
            } else {
                try {
                    verdicts.addAll(commit(batch));
                } catch (RuntimeException e) {
                    if (Transience.isTransient(e)) {
                        throw e;
                    }
                    log.warn("event=batch_isolating records={} error={}", batch.size(), e.toString());
                    isolated = true;
                    batch.forEach(read -> verdicts.add(processAlone(read)));
                }
            }
            observer.finished(batch, verdicts, System.nanoTime() - start, isolated);
        }
    }

    /** Applies the records in one transaction; once it committed, counts and logs them. */
    private List<Verdict> commit(List<ReadCommand> batch) {
        List<Verdict> verdicts = transactions.execute(status -> {
            List<OutboxRow> rows = new ArrayList<>();
            List<Verdict> settled = applier.apply(batch, rows);
            outbox.append(rows);
            return settled;
        });
        observer.committed(batch, verdicts);
        return verdicts;
    }

    private Verdict processAlone(ReadCommand read) {
        try {
            return commit(List.of(read)).get(0);
        } catch (RuntimeException e) {
            if (Transience.isTransient(e)) {
                throw e;
            }
            try (Mdc scope = Mdc.record(read, List.of())) {
                log.error("event=record_failed claim_key={} error={}", read.claimKey(), e.toString(), e);
            }
            Verdict verdict = transactions.execute(status -> {
                List<OutboxRow> rows = new ArrayList<>();
                Verdict deadLettered = applier.deadLetter(read, e, rows);
                outbox.append(rows);
                return deadLettered;
            });
            observer.committed(List.of(read), List.of(verdict));
            return verdict;
        }
    }
}
