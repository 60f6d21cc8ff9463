package io.tagprocessor.fanout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tagprocessor.outbox.OutboxRecords;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.tagging.Command;
import io.tagprocessor.tagging.EntityFanout;
import io.tagprocessor.tagging.EntityFanout.JobChanges;
import io.tagprocessor.tagging.EntityRow;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Settles pending fan-out inside the caller's transaction and turns it into outbox rows: an
 * {@code EntityTagsChanged} event (with the entity's state) per entity and job, under the id of the
 * rename's or delete's command ({@code <commandId>/event/EntityTagsChanged/<entityKey>}), oldest job
 * first, so each entity's rows are in version order. Counts the changes by who applied them
 * ({@code tag_processor.fanout.changes{by=worker|batch}}).
 */
@Component
public class Fanout {

    private final EntityFanout entities;
    private final OutboxRecords records;
    private final Counter byWorker;
    private final Counter byBatch;

    Fanout(EntityFanout entities, OutboxRecords records, MeterRegistry meters) {
        this.entities = entities;
        this.records = records;
        this.byWorker = changes(meters, "worker");
        this.byBatch = changes(meters, "batch");
    }

    /** The rows of the fan-out the entities of these commands owe; a batch puts them before the commands' own. */
    public List<OutboxRow> settleBefore(List<Command> commands) {
        List<OutboxRow> rows = rows(entities.settleBefore(commands));
        byBatch.increment(rows.size());
        return rows;
    }

    /** The rows of the fan-out these entities owe: one chunk of the worker. */
    List<OutboxRow> settle(List<EntityRow> chunk) {
        List<OutboxRow> rows = rows(entities.settle(chunk));
        byWorker.increment(rows.size());
        return rows;
    }

    private List<OutboxRow> rows(List<JobChanges> changes) {
        List<OutboxRow> rows = new ArrayList<>();
        changes.forEach(job -> rows.addAll(records.forChanges(job.context(), job.changes())));
        return rows;
    }

    private static Counter changes(MeterRegistry meters, String by) {
        return Counter.builder("tag_processor.fanout.changes")
                .description("Entity changes of tag renames and deletes, by who applied them")
                .tag("by", by)
                .register(meters);
    }
}
