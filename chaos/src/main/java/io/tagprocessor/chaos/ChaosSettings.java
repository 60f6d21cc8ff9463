package io.tagprocessor.chaos;

import io.tagprocessor.chaos.workload.WorkloadShape;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One run: the workload, how fast it is sent (slow enough that the service is busy with small batches
 * the whole time, so faults land inside transactions and between publish and acknowledgement), the
 * faults, where the service jar is and where the run writes its logs.
 * {@link #shortRun} runs inside {@code ./mvnw verify}; {@link #fullRun} is issue 4's full harness.
 */
public record ChaosSettings(
        String mode,
        WorkloadShape workload,
        int recordsPerSecond,
        List<Fault> faults,
        Path serviceJar,
        Path directory,
        Duration stallTimeout) {

    public static ChaosSettings of(String mode, long seed, Path serviceJar, Path directory) {
        return "full".equals(mode) ? fullRun(seed, serviceJar, directory) : shortRun(seed, serviceJar, directory);
    }

    /** Seconds, not minutes: one instance, one kill -9, one connection cut, duplicates and garbage. */
    public static ChaosSettings shortRun(long seed, Path serviceJar, Path directory) {
        return new ChaosSettings(
                "short",
                new WorkloadShape(seed, 1_500, 120, 30, 8, 2, 0.10, 0.02, 0.02),
                300,
                List.of(new Fault(0.35, Fault.Kind.KILL), new Fault(0.6, Fault.Kind.TERMINATE_CONNECTIONS)),
                serviceJar,
                directory,
                Duration.ofSeconds(90));
    }

    /** 50,000 load records over 2,400 entities and 240 + 30 tags; every fault of issue 4. */
    public static ChaosSettings fullRun(long seed, Path serviceJar, Path directory) {
        return new ChaosSettings(
                "full",
                new WorkloadShape(seed, 50_000, 2_400, 240, 30, 5, 0.10, 0.01, 0.02),
                1_000,
                List.of(
                        new Fault(0.06, Fault.Kind.KILL),
                        new Fault(0.10, Fault.Kind.TERMINATE_CONNECTIONS),
                        new Fault(0.15, Fault.Kind.SECOND_INSTANCE_JOINS),
                        new Fault(0.18, Fault.Kind.FREEZE),
                        new Fault(0.21, Fault.Kind.KILL),
                        new Fault(0.27, Fault.Kind.TERMINATE_CONNECTIONS),
                        new Fault(0.33, Fault.Kind.FIRST_INSTANCE_BOUNCES),
                        new Fault(0.40, Fault.Kind.KILL),
                        new Fault(0.43, Fault.Kind.FREEZE),
                        new Fault(0.46, Fault.Kind.TERMINATE_CONNECTIONS),
                        new Fault(0.52, Fault.Kind.BROKER_RESTART),
                        new Fault(0.60, Fault.Kind.KILL),
                        new Fault(0.66, Fault.Kind.SECOND_INSTANCE_LEAVES),
                        new Fault(0.72, Fault.Kind.TERMINATE_CONNECTIONS),
                        new Fault(0.78, Fault.Kind.KILL),
                        new Fault(0.86, Fault.Kind.TERMINATE_CONNECTIONS),
                        new Fault(0.90, Fault.Kind.KILL)),
                serviceJar,
                directory,
                Duration.ofMinutes(5));
    }
}
