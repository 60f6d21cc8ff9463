package io.tagprocessor.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagprocessor.outbox.OutboxRepository;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the leader vacuums: after enough deleted rows, never twice at once, never when switched off. */
class OutboxVacuumTest {

    /** Only its {@code vacuum}, which needs neither JdbcTemplate nor JSON, is called here. */
    private static final OutboxRepository OUTBOX = new OutboxRepository(null, null);

    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final Timer took = new SimpleMeterRegistry().timer("vacuum");

    @Test
    void vacuumsOnceEnoughRowsWereDeletedAndCountsAfreshAfterwards() {
        try (OutboxVacuum vacuum = new OutboxVacuum(() -> connection(new CountDownLatch(0)), OUTBOX, 100, took)) {
            vacuum.deleted(60);
            assertThat(executed).isEmpty();

            vacuum.deleted(40);
            await().atMost(Duration.ofSeconds(10)).until(() -> took.count() == 1);
            vacuum.deleted(99);
            vacuum.deleted(0);

            assertThat(executed).containsExactly("VACUUM outbox");
            vacuum.deleted(1);
            // the first vacuum may still be finishing: a call with no new rows starts the due one
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                vacuum.deleted(0);
                return took.count() == 2;
            });
        }
    }

    @Test
    void neverRunsTwoAtOnceNorQueuesOneBehindAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (OutboxVacuum vacuum = new OutboxVacuum(() -> connection(release), OUTBOX, 10, took)) {
            vacuum.deleted(10);
            await().atMost(Duration.ofSeconds(10)).until(() -> executed.size() == 1);
            vacuum.deleted(10);
            vacuum.deleted(10);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> took.count() == 1);
            assertThat(executed).hasSize(1);
        }
    }

    @Test
    void zeroRowsMeansNever() {
        try (OutboxVacuum vacuum = new OutboxVacuum(() -> connection(new CountDownLatch(0)), OUTBOX, 0, took)) {
            vacuum.deleted(1_000_000);
        }
        assertThat(executed).isEmpty();
        assertThat(took.count()).isZero();
    }

    /** A connection whose statements record what they execute, each waiting for {@code release}. */
    private Connection connection(CountDownLatch release) {
        Statement statement = (Statement) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        executed.add((String) args[0]);
                        return release.await(10, TimeUnit.SECONDS);
                    }
                    return null; // getWarnings: none; close
                });
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("createStatement") ? statement : null);
    }
}
