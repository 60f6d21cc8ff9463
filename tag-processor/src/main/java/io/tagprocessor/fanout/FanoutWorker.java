package io.tagprocessor.fanout;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagprocessor.config.ConditionalOnProcessing;
import io.tagprocessor.config.FanoutSettings;
import io.tagprocessor.config.FatalErrorHandler;
import io.tagprocessor.config.TagProcessorProperties;
import io.tagprocessor.outbox.OutboxRepository;
import io.tagprocessor.outbox.OutboxRow;
import io.tagprocessor.store.FanoutRepository;
import io.tagprocessor.store.FanoutRepository.FinishedJob;
import io.tagprocessor.store.TagStructureLock;
import io.tagprocessor.tagging.EntityRow;
import io.tagprocessor.tagging.FanoutJobRow;
import io.tagprocessor.tagging.FanoutScheduled;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the fan-out of tag renames and deletes in the background: one chunk of at most
 * {@code chunkSize} entities of the oldest job per transaction (lock them in key order, apply every
 * job they owe, write their events and states to the outbox), then the next. A crash loses at most
 * the chunk in flight, which rolls back and is done again: nothing is lost or doubled. One runner per
 * database: each chunk's transaction takes an advisory lock without waiting, so the instances of a
 * deployment never work against each other. It holds the tag-structure lock shared, like a batch,
 * so batches never wait for it except on the entities of its current chunk. Sleeps when there is no
 * job; a rename or delete committed by this instance wakes it.
 */
@Component
@ConditionalOnProcessing
public class FanoutWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FanoutWorker.class);

    /** What one step did. */
    private record Step(
            boolean busy, FanoutJobRow job, List<EntityRow> chunk, int changes, List<FinishedJob> finished) {
        boolean idle() {
            return busy || job == null;
        }
    }

    private final FanoutRepository fanouts;
    private final Fanout fanout;
    private final OutboxRepository outbox;
    private final TagStructureLock tagStructure;
    private final TransactionTemplate transactions;
    private final FatalErrorHandler fatal;
    private final FanoutSettings settings;
    private final Clock clock;
    private final Timer chunks;
    private final Map<Long, EntityRow> cursors = new ConcurrentHashMap<>();
    private final AtomicReference<Thread> worker = new AtomicReference<>();
    private ExecutorService executor;
    private volatile boolean stopping;

    FanoutWorker(
            FanoutRepository fanouts,
            Fanout fanout,
            OutboxRepository outbox,
            TagStructureLock tagStructure,
            TransactionTemplate transactions,
            FatalErrorHandler fatal,
            TagProcessorProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.fanouts = fanouts;
        this.fanout = fanout;
        this.outbox = outbox;
        this.tagStructure = tagStructure;
        this.transactions = transactions;
        this.fatal = fatal;
        this.settings = properties.fanout();
        this.clock = clock;
        this.chunks = Timer.builder("tag_processor.fanout.chunk")
                .description("One fan-out chunk's transaction; a batch waits at most this long for its entities")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** Runs chunks until no job is left (the rebuild's last step); waits while another runner works. */
    public void drain() {
        while (true) {
            Step step = step();
            if (step.busy()) {
                pause(settings.pollInterval());
            } else if (step.job() == null) {
                return;
            }
        }
    }

    @TransactionalEventListener
    void wake(FanoutScheduled scheduled) {
        Thread thread = worker.get();
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        worker.set(Thread.currentThread());
        while (!stopping) {
            try {
                if (step().idle()) {
                    pause(settings.pollInterval());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "event=fanout_failed action=retry backoff_ms={} error={}",
                        settings.errorBackoff().toMillis(),
                        e.toString());
                pause(settings.errorBackoff());
            } catch (Throwable t) { // an Error: the JVM is in doubt, only a restart helps
                fatal.fatal("fanout", t);
                return;
            }
        }
    }

    private Step step() {
        long start = System.nanoTime();
        Step step = transactions.execute(status -> {
            if (!fanouts.tryLockRunner()) {
                return new Step(true, null, List.of(), 0, List.of());
            }
            tagStructure.shared();
            List<FinishedJob> finished = fanouts.finishJobs();
            List<FanoutJobRow> jobs = fanouts.jobs();
            if (jobs.isEmpty()) {
                return new Step(false, null, List.of(), 0, finished);
            }
            FanoutJobRow job = jobs.get(0);
            List<EntityRow> chunk = fanouts.nextCarriers(job.tagId(), cursors.get(job.id()), settings.chunkSize());
            List<OutboxRow> rows = fanout.settle(chunk);
            outbox.append(rows);
            return new Step(false, job, chunk, rows.size(), finished);
        });
        long took = System.nanoTime() - start;
        step.finished().forEach(this::done);
        if (step.job() != null) {
            if (step.chunk().isEmpty()) {
                cursors.remove(step.job().id());
            } else {
                cursors.put(step.job().id(), step.chunk().get(step.chunk().size() - 1));
            }
            chunks.record(took, TimeUnit.NANOSECONDS);
            log.info(
                    "event=fanout_chunk job={} command_id={} entities={} changes={} duration_ms={}",
                    step.job().id(),
                    step.job().commandId(),
                    step.chunk().size(),
                    step.changes(),
                    TimeUnit.NANOSECONDS.toMillis(took));
        }
        return step;
    }

    private void done(FinishedJob job) {
        cursors.remove(job.id());
        log.info(
                "event=fanout_done job={} command_id={} entities={} duration_ms={}",
                job.id(),
                job.commandId(),
                job.entityCount(),
                Duration.between(job.appliedAt(), clock.instant()).toMillis());
    }

    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    @Override
    public synchronized void start() {
        if (executor == null) {
            stopping = false;
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "fanout-worker");
                thread.setDaemon(true);
                return thread;
            });
            executor.execute(this::run);
        }
    }

    /** Interrupts the worker's sleep; a chunk in flight finishes (or rolls back) first. */
    @Override
    public synchronized void stop() {
        if (executor != null) {
            ExecutorService running = executor;
            executor = null;
            stopping = true;
            running.shutdownNow();
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
