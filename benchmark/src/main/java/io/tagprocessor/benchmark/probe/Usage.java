package io.tagprocessor.benchmark.probe;

import java.util.List;

/** Resource use over one phase, from its samples. */
public record Usage(
        double wallSeconds,
        double serviceCpuSeconds,
        double serviceJitCpuSeconds,
        long servicePeakRssKb,
        long maxLag,
        double postgresCpuSeconds,
        double brokerCpuSeconds,
        double benchmarkCpuSeconds,
        double hostBusyPercent) {

    public static Usage of(List<Sample> samples) {
        if (samples.size() < 2) {
            return new Usage(0, 0, 0, samples.isEmpty() ? -1 : samples.get(0).servicePeakRssKb(), -1, 0, 0, 0, 0);
        }
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        long busy = last.hostBusyTicks() - first.hostBusyTicks();
        long total = last.hostTotalTicks() - first.hostTotalTicks();
        return new Usage(
                last.seconds() - first.seconds(),
                last.serviceCpu() - first.serviceCpu(),
                Math.max(0, last.serviceJitCpu() - first.serviceJitCpu()),
                samples.stream().mapToLong(Sample::servicePeakRssKb).max().orElse(-1),
                samples.stream().mapToLong(Sample::lag).max().orElse(-1),
                last.postgresCpu() - first.postgresCpu(),
                last.brokerCpu() - first.brokerCpu(),
                last.benchmarkCpu() - first.benchmarkCpu(),
                total == 0 ? 0 : 100.0 * busy / total);
    }

    /** Average number of cores the service kept busy. */
    public double serviceCores() {
        return wallSeconds == 0 ? 0 : serviceCpuSeconds / wallSeconds;
    }
}
