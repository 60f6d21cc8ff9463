package io.tagprocessor.command;

import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.Headers;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.store.CommandOffsetsRepository;
import io.tagprocessor.store.RestructureBarrier;
import io.tagprocessor.store.RestructureBarrierRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records where a tag rename or delete stands among the commands of the other partitions: the
 * group's next offset of every partition, read under the exclusive tag-structure lock the batch
 * already holds (so it counts exactly the batches committed before), advanced past the records that
 * precede the command in its own batch. A rebuild replays renames and deletes at these points.
 */
@Component
class Barriers {

    private final CommandOffsetsRepository offsets;
    private final RestructureBarrierRepository barriers;
    private final String groupId;

    Barriers(
            CommandOffsetsRepository offsets,
            RestructureBarrierRepository barriers,
            TagProcessorProperties properties) {
        this.offsets = offsets;
        this.barriers = barriers;
        this.groupId = properties.consumer().groupId();
    }

    /** Records the barrier of {@code batch.get(position)}, a rename or delete being applied now; returns it. */
    RestructureBarrier record(List<ReadCommand> batch, int position) {
        RawRecord raw = batch.get(position).raw();
        Map<Integer, Long> after = offsets.nextOffsets(groupId, raw.topic());
        for (ReadCommand before : batch.subList(0, position)) {
            RawRecord earlier = before.raw();
            if (earlier.topic().equals(raw.topic())) {
                after.merge(earlier.partition(), earlier.offset() + 1, Math::max);
            }
        }
        RestructureBarrier barrier = new RestructureBarrier(
                batch.get(position).claimKey(), raw.topic(), raw.partition(), raw.offset(), after);
        barriers.record(barrier);
        return barrier;
    }

    /** The rows of a rename or delete with its barrier as a header of the first (its event or its rejection). */
    static List<OutboxRow> withHeader(List<OutboxRow> rows, RestructureBarrier barrier) {
        if (rows.isEmpty()) {
            return rows;
        }
        List<OutboxRow> marked = new ArrayList<>(rows);
        Map<String, String> headers = new HashMap<>(rows.get(0).extraHeaders());
        headers.put(Headers.RESTRUCTURE_BARRIER, barrier.header());
        marked.set(0, rows.get(0).withExtraHeaders(headers));
        return marked;
    }
}
