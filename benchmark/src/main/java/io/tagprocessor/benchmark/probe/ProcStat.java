package io.tagprocessor.benchmark.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Linux {@code /proc}: CPU time of a process (all threads, user + system), of its JIT compiler
 * threads and of the whole host, and a process's resident memory and its peak ({@code VmRSS},
 * {@code VmHWM}).
 */
public final class ProcStat {

    /** USER_HZ: the unit of the tick counts in /proc (100 on every Linux we meet). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {}

    /** CPU seconds used so far, or -1 when the process is gone. */
    public static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /**
     * CPU seconds used so far by the HotSpot JIT compiler threads of a JVM ({@code C1 CompilerThread…},
     * {@code C2 CompilerThread…}) that are alive now: HotSpot may end an idle compiler thread, and its
     * time then drops out, so this is a lower bound. 0 when the process is gone.
     */
    public static double compilerCpuSeconds(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.filter(thread -> threadName(thread).matches("C[12] CompilerThre.*"))
                    .mapToDouble(thread -> Math.max(0, cpuSeconds(thread.resolve("stat"))))
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static double cpuSeconds(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // the command name (field 2) may hold spaces; the fields after it are fixed
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String threadName(Path thread) {
        try {
            return Files.readString(thread.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident memory in kB ({@code VmRSS}), or -1. */
    public static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Peak resident memory in kB ({@code VmHWM}), or -1. */
    public static long peakRssKb(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /** Host CPU ticks as {busy, total}, summed over all cores. */
    public static long[] hostTicks() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long statusField(long pid, String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
