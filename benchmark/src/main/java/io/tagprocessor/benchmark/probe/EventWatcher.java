package io.tagprocessor.benchmark.probe;

import io.tagprocessor.testinfra.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;

/**
 * A subscriber of {@code tag-events} that matches events to the commands the benchmark expects
 * to cause them, through the {@code causation_id} header. A command counts once, at its first
 * event (a command may cause several); an expected command with a send time also records its
 * latency, send to arrival, in microseconds, split at the event's record timestamp (the moment the
 * relay handed it to its producer, in whole milliseconds of the wall clock this host shares): the part
 * before is the command's way through the broker, the consumer, the database and the relay's wait;
 * the part after is the relay's flush and commit and the way to the subscriber. Events are counted
 * per second of arrival for the timeline. One thread polls; everything else reads.
 */
public final class EventWatcher implements AutoCloseable {

    private static final String CAUSATION_ID = "causation_id";
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long originNanos;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
    private final Histogram untilRelaySend = new Histogram(MAX_LATENCY_MICROS, 3);
    private final Histogram afterRelaySend = new Histogram(MAX_LATENCY_MICROS, 3);
    private final long originWallMillis;
    private final Map<Integer, Histogram> latencyBySecond = new TreeMap<>();
    private final Map<Integer, Long> matchedBySecond = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poller;
    private long matched;
    private long events;
    private long firstMatchNanos;
    private long lastMatchNanos;

    /**
     * @param fromBeginning true to read the topic from its start, false to read only what arrives
     *     after this constructor returns
     */
    public EventWatcher(String bootstrapServers, String topic, boolean fromBeginning, long originNanos) {
        this.originNanos = originNanos;
        this.originWallMillis = System.currentTimeMillis() + (originNanos - System.nanoTime()) / 1_000_000;
        this.consumer = TopicReader.open(bootstrapServers, topic, fromBeginning);
        poller = new Thread(this::poll, "event-watcher-" + topic);
        poller.setDaemon(true);
    }

    public EventWatcher start() {
        poller.start();
        return this;
    }

    /** Expects an event caused by this command; {@code sentNanos} 0 for a command not timed. */
    public void expect(String commandId, long sentNanos) {
        pending.put(commandId, sentNanos);
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Waits until every expected command has caused an event; false when the timeout came first. */
    public boolean awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline || !running.get()) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    private void poll() {
        try {
            while (running.get()) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        onEvent(record, now);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void onEvent(ConsumerRecord<byte[], byte[]> record, long now) {
        events++;
        Header causation = record.headers().lastHeader(CAUSATION_ID);
        if (causation == null) {
            return;
        }
        Long sent = pending.remove(new String(causation.value(), StandardCharsets.UTF_8));
        if (sent == null) {
            return;
        }
        matched++;
        if (firstMatchNanos == 0) {
            firstMatchNanos = now;
        }
        lastMatchNanos = now;
        int second = (int) ((now - originNanos) / 1_000_000_000L);
        matchedBySecond.merge(second, 1L, Long::sum);
        if (sent > 0) {
            long micros = Math.min(MAX_LATENCY_MICROS, Math.max(0, (now - sent) / 1000));
            latency.recordValue(micros);
            long[] split = splitAtRelaySend(
                    originWallMillis + (sent - originNanos) / 1_000_000,
                    record.timestamp(),
                    originWallMillis + (now - originNanos) / 1_000_000);
            untilRelaySend.recordValue(split[0]);
            afterRelaySend.recordValue(split[1]);
            latencyBySecond
                    .computeIfAbsent(second, s -> new Histogram(MAX_LATENCY_MICROS, 3))
                    .recordValue(micros);
        }
    }

    /**
     * Microseconds from the send to the relay's send and from there to the arrival, all three in
     * wall-clock milliseconds; a record timestamp outside the two (clock steps) is moved to the nearer end.
     */
    static long[] splitAtRelaySend(long sentMillis, long relaySendMillis, long arrivedMillis) {
        long relaySend = Math.min(Math.max(relaySendMillis, sentMillis), Math.max(sentMillis, arrivedMillis));
        return new long[] {
            Math.min(MAX_LATENCY_MICROS, (relaySend - sentMillis) * 1000),
            Math.min(MAX_LATENCY_MICROS, Math.max(0, arrivedMillis - relaySend) * 1000)
        };
    }

    public synchronized long matched() {
        return matched;
    }

    /** Every event read, matched or not (a command can cause more than one). */
    public synchronized long events() {
        return events;
    }

    public synchronized long firstMatchNanos() {
        return firstMatchNanos;
    }

    public synchronized long lastMatchNanos() {
        return lastMatchNanos;
    }

    public synchronized Histogram latency() {
        return latency.copy();
    }

    /** Per timed command: scheduled send to the relay's send of its first event, in microseconds. */
    public synchronized Histogram untilRelaySend() {
        return untilRelaySend.copy();
    }

    /** Per timed command: the relay's send of its first event to its arrival here, in microseconds. */
    public synchronized Histogram afterRelaySend() {
        return afterRelaySend.copy();
    }

    /** Matched commands per second of arrival, seconds since the origin. */
    public synchronized Map<Integer, Long> matchedBySecond() {
        return new TreeMap<>(matchedBySecond);
    }

    public synchronized Map<Integer, Histogram> latencyBySecond() {
        Map<Integer, Histogram> copy = new TreeMap<>();
        latencyBySecond.forEach((second, h) -> copy.put(second, h.copy()));
        return copy;
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            consumer.wakeup();
            try {
                poller.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
