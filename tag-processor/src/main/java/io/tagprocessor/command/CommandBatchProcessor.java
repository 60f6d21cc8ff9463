package io.tagprocessor.command;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.config.FatalErrorHandler;
import io.tagprocessor.config.ProcessingMode;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.store.OutboxRepository;
import io.tagprocessor.store.OutboxRow;
import io.tagprocessor.wire.WireFormatException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transaction boundary of the consumer: one database transaction per poll batch, committed
 * before the container commits the offsets. A transient failure propagates (the error handler
 * retries the whole batch with back-off); any other failure rolls the batch back and replays it
 * one record per transaction, so the failing record is dead-lettered and the rest commit; a failure
 * that is no record's fault (the registry refusing the service's own output schema) stops processing. In
 * {@link ProcessingMode#SIMPLE} every record gets its own transaction from the start.
 */
@Service
public class CommandBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(CommandBatchProcessor.class);

    private final CommandReader reader;
    private final CommandApplier applier;
    private final OutboxRepository outbox;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ProcessingMode mode;
    private final FatalErrorHandler fatal;

    CommandBatchProcessor(
            CommandReader reader,
            CommandApplier applier,
            OutboxRepository outbox,
            TransactionTemplate transactions,
            MeterRegistry meters,
            TagProcessorProperties properties,
            FatalErrorHandler fatal) {
        this.reader = reader;
        this.applier = applier;
        this.outbox = outbox;
        this.transactions = transactions;
        this.meters = meters;
        this.mode = properties.mode();
        this.fatal = fatal;
    }

    public void process(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ReadCommand> batch =
                records.stream().map(RawRecord::of).map(reader::read).toList();
        if (mode == ProcessingMode.SIMPLE) {
            batch.forEach(this::processAlone);
            return;
        }
        try {
            count(transactions.execute(status -> applyAll(batch)));
        } catch (RuntimeException e) {
            if (Transience.isTransient(e) || stopsForOwnSchema(e)) {
                throw e;
            }
            log.warn(
                    "event=batch_isolating records={} first_offset={} error={}",
                    batch.size(),
                    firstPosition(batch),
                    e.toString());
            batch.forEach(this::processAlone);
        }
    }

    private Map<Disposition, Integer> applyAll(List<ReadCommand> batch) {
        Map<Disposition, Integer> tally = new EnumMap<>(Disposition.class);
        List<OutboxRow> rows = new ArrayList<>();
        List<Disposition> dispositions = applier.apply(batch, rows);
        for (int i = 0; i < batch.size(); i++) {
            tally.merge(dispositions.get(i), 1, Integer::sum);
            logDisposition(batch.get(i), dispositions.get(i));
        }
        outbox.append(rows);
        return tally;
    }

    private void processAlone(ReadCommand read) {
        try {
            count(transactions.execute(status -> applyAll(List.of(read))));
        } catch (RuntimeException e) {
            if (Transience.isTransient(e) || stopsForOwnSchema(e)) {
                throw e;
            }
            log.error(
                    "event=record_failed position={} claim_key={} error={}",
                    read.raw().position(),
                    read.claimKey(),
                    e.toString(),
                    e);
            count(transactions.execute(status -> {
                List<OutboxRow> rows = new ArrayList<>();
                Disposition disposition = applier.deadLetter(read, e, rows);
                outbox.append(rows);
                return Map.of(disposition, 1);
            }));
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

    private void count(Map<Disposition, Integer> tally) {
        tally.forEach((disposition, n) -> meters.counter("tag_processor.commands", "outcome", disposition.tag())
                .increment(n));
    }

    private static void logDisposition(ReadCommand read, Disposition disposition) {
        if (disposition == Disposition.APPLIED || disposition == Disposition.NO_EFFECT) {
            log.debug(
                    "event=command_processed claim_key={} position={} outcome={}",
                    read.claimKey(),
                    read.raw().position(),
                    disposition);
            return;
        }
        String reason = "";
        if (read instanceof ReadCommand.Invalid invalid) {
            reason = invalid.reason().name();
        } else if (read instanceof ReadCommand.Undecodable undecodable) {
            reason = undecodable.cause().toString();
        }
        log.info(
                "event=command_processed claim_key={} position={} outcome={} reason={}",
                read.claimKey(),
                read.raw().position(),
                disposition,
                reason);
    }

    private static String firstPosition(List<ReadCommand> batch) {
        return batch.isEmpty() ? "" : batch.get(0).raw().position();
    }
}
