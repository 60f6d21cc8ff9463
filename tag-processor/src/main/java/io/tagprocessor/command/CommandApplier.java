package io.tagprocessor.command;

import io.tagprocessor.fanout.Fanout;
import io.tagprocessor.idempotency.ProcessedEvent;
import io.tagprocessor.idempotency.ProcessedEventsRepository;
import io.tagprocessor.idempotency.ProcessedEventsRepository.OutcomeCorrection;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.store.RestructureBarrier;
import io.tagprocessor.store.StatementPipeline;
import io.tagprocessor.store.TagStructureLock;
import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.CommandContext;
import io.tagprocessor.tagging.EntityBatchTagger;
import io.tagprocessor.tagging.Outcome;
import io.tagprocessor.tagging.TagCommandHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Applies read records inside the caller's transaction. First every record is claimed in
 * {@code processed_events} with one statement (the database says which are new; the rest are
 * duplicates with no effect); then the new ones are applied in order, runs of entity commands as
 * a set (after the fan-out of renames and deletes their entities still owe, see {@link Fanout}), tag
 * commands one by one; the outbox rows they cause go to {@code out} in record order.
 * The caller appends those rows in the same transaction, so claims, effects and rows commit or
 * roll back together.
 */
@Component
record CommandApplier(
        ProcessedEventsRepository processed,
        TagStructureLock tagStructure,
        EntityBatchTagger entityTagger,
        TagCommandHandler tagHandler,
        Fanout fanout,
        OutcomeRows outcomeRows,
        Barriers barriers,
        Clock clock) {

    /**
     * Applies the records in order and returns what became of each, in the same order; the outcome
     * corrections go to {@code writes}, which the caller runs with its other end-of-batch writes.
     */
    List<Verdict> apply(List<ReadCommand> batch, List<OutboxRow> out, StatementPipeline writes) {
        StatementPipeline start = new StatementPipeline();
        lockTagStructure(batch, start);
        boolean[] fresh = claim(batch, start);
        Settlement settlement = new Settlement(batch.size());
        int next = 0;
        while (next < batch.size()) {
            ReadCommand read = batch.get(next);
            if (fresh[next] && isEntityCommand(read)) {
                next = applyEntityRun(batch, fresh, next, settlement);
            } else {
                RestructureBarrier barrier = fresh[next] && restructures(read) ? barriers.record(batch, next) : null;
                settle(next, read, fresh[next], settlement);
                if (barrier != null) {
                    settlement.rows.set(next, Barriers.withHeader(settlement.rows.get(next), barrier));
                }
                next++;
            }
        }
        processed.recordOutcomes(settlement.corrections, writes);
        for (int i = 0; i < batch.size(); i++) {
            out.addAll(settlement.fanout.getOrDefault(i, List.of()));
            out.addAll(settlement.rows.get(i));
        }
        return settlement.verdicts;
    }

    /** Sends a record whose processing failed for a non-transient reason to the dead-letter topic. */
    Verdict deadLetter(ReadCommand read, Throwable cause, List<OutboxRow> out) {
        ProcessedEvent claim = claimOf(read, Disposition.DEAD_LETTERED, OutcomeRows.reason(cause));
        if (!processed.claimAll(List.of(claim), new StatementPipeline()).contains(read.claimKey())) {
            processed.recordCopies(List.of(claim));
            return Verdict.of(Disposition.DUPLICATE);
        }
        OutcomeRows.Settled settled = outcomeRows.deadLettered(read.raw(), cause);
        out.addAll(settled.rows());
        return settled.verdict();
    }

    /** Exclusive when the batch renames or deletes a tag (at once); shared otherwise, sent with the claim. */
    private void lockTagStructure(List<ReadCommand> batch, StatementPipeline start) {
        if (batch.stream().anyMatch(CommandApplier::restructures)) {
            tagStructure.exclusive();
        } else {
            tagStructure.shared(start);
        }
    }

    /** Claims every record, in one round trip with the statements in {@code start}; true where it was new. */
    private boolean[] claim(List<ReadCommand> batch, StatementPipeline start) {
        List<ProcessedEvent> claims = new ArrayList<>(batch.size());
        for (ReadCommand read : batch) {
            claims.add(claimOf(read, OutcomeRows.provisional(read), OutcomeRows.provisionalReason(read)));
        }
        Set<String> claimed = processed.claimAll(claims, start);
        Set<String> seen = new HashSet<>();
        boolean[] fresh = new boolean[batch.size()];
        List<ProcessedEvent> duplicates = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String key = batch.get(i).claimKey();
            fresh[i] = claimed.contains(key) && seen.add(key);
            if (!fresh[i]) {
                duplicates.add(claims.get(i));
            }
        }
        processed.recordCopies(duplicates);
        return fresh;
    }

    /** Applies the run of entity commands starting at {@code start}; returns the index after it. */
    private int applyEntityRun(List<ReadCommand> batch, boolean[] fresh, int start, Settlement settlement) {
        List<Integer> positions = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        List<CommandContext> contexts = new ArrayList<>();
        int next = start;
        for (; next < batch.size() && (!fresh[next] || !restructures(batch.get(next))); next++) {
            ReadCommand read = batch.get(next);
            if (fresh[next] && read instanceof ReadCommand.Valid valid) {
                positions.add(next);
                commands.add(valid.command());
                contexts.add(valid.context());
            } else {
                settle(next, read, fresh[next], settlement);
            }
        }
        List<OutboxRow> owed = fanout.settleBefore(commands);
        if (!owed.isEmpty()) {
            settlement.fanout.put(positions.get(0), owed);
        }
        List<Outcome> outcomes = entityTagger.apply(commands, contexts);
        for (int i = 0; i < positions.size(); i++) {
            int position = positions.get(i);
            settlement.settle(position, outcomeRows.of((ReadCommand.Valid) batch.get(position), outcomes.get(i)));
        }
        return next;
    }

    private void settle(int position, ReadCommand read, boolean fresh, Settlement settlement) {
        if (!fresh) {
            settlement.settle(position, OutcomeRows.Settled.duplicate());
        } else if (read instanceof ReadCommand.Valid valid) {
            settlement.settle(position, outcomeRows.of(valid, tagHandler.apply(valid.command(), valid.context())));
        } else {
            settlement.settle(position, outcomeRows.refused(read));
        }
    }

    private ProcessedEvent claimOf(ReadCommand read, Disposition outcome, String reason) {
        RawRecord raw = read.raw();
        return new ProcessedEvent(
                read.claimKey(),
                raw.topic(),
                raw.partition(),
                raw.offset(),
                outcome.name(),
                reason,
                read.issuedBy(),
                clock.instant());
    }

    /** A tag rename or delete: keyed by tag, so unordered against entity commands of other partitions. */
    private static boolean restructures(ReadCommand read) {
        return read instanceof ReadCommand.Valid valid && valid.command().restructures();
    }

    private static boolean isEntityCommand(ReadCommand read) {
        return read instanceof ReadCommand.Valid valid && !valid.command().restructures();
    }

    /**
     * What the batch came to so far: per record its verdict and rows, outcome corrections, and the
     * fan-out rows owed by the entities of a run, placed before the rows of the run's first record.
     */
    private static final class Settlement {
        final List<Verdict> verdicts;
        final List<List<OutboxRow>> rows;
        final Map<Integer, List<OutboxRow>> fanout = new HashMap<>();
        final List<OutcomeCorrection> corrections = new ArrayList<>();

        Settlement(int size) {
            verdicts = new ArrayList<>(java.util.Collections.nCopies(size, (Verdict) null));
            rows = new ArrayList<>(java.util.Collections.nCopies(size, List.<OutboxRow>of()));
        }

        void settle(int position, OutcomeRows.Settled settled) {
            verdicts.set(position, settled.verdict());
            rows.set(position, settled.rows());
            if (settled.correction() != null) {
                corrections.add(settled.correction());
            }
        }
    }
}
