package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import oshi.hardware.CentralProcessor;

/**
 * Load averages: {@code sentry_sys_load_average} (1 minute, the original's), {@code sentry_sys_load_average_5m},
 * {@code sentry_sys_load_average_15m}; and {@code sentry_sys_cpu_cores} to read them against.
 */
public final class LoadCollector implements Collector {

    private final CentralProcessor cpu;

    public LoadCollector(CentralProcessor cpu) {
        this.cpu = cpu;
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public void collect(PointSink out) {
        double[] load = cpu.getSystemLoadAverage(3);
        // OSHI reports a negative value where the OS has no load average
        if (load[0] >= 0) {
            out.add("sentry_sys_load_average", load[0]);
            out.add("sentry_sys_load_average_5m", load[1]);
            out.add("sentry_sys_load_average_15m", load[2]);
        }
        out.add("sentry_sys_cpu_cores", cpu.getLogicalProcessorCount());
    }
}
