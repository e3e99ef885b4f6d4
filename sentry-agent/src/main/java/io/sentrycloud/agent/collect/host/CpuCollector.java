package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import java.util.Locale;
import java.util.Map;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * CPU time between two rounds, in percent: {@code sentry_sys_cpu_usage} (all but idle and iowait, the original's
 * metric), {@code sentry_sys_cpu_percent{mode}} per mode (user, nice, system, idle, iowait, irq, softirq, steal), and
 * with per-core on {@code sentry_sys_cpu_core_usage{core}} and {@code sentry_sys_cpu_core_percent{core,mode}}.
 */
public final class CpuCollector implements Collector {

    private final CentralProcessor cpu;
    private final boolean perCore;
    private long[] previous;
    private long[][] previousCores;

    public CpuCollector(CentralProcessor cpu, boolean perCore) {
        this.cpu = cpu;
        this.perCore = perCore;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public void collect(PointSink out) {
        long[] ticks = cpu.getSystemCpuLoadTicks();
        if (previous != null) {
            emit(out, previous, ticks, "sentry_sys_cpu_usage", "sentry_sys_cpu_percent", Map.of());
        }
        previous = ticks;
        if (perCore) {
            long[][] cores = cpu.getProcessorCpuLoadTicks();
            if (previousCores != null && previousCores.length == cores.length) {
                for (int i = 0; i < cores.length; i++) {
                    emit(out, previousCores[i], cores[i], "sentry_sys_cpu_core_usage", "sentry_sys_cpu_core_percent",
                            Map.of("core", Integer.toString(i)));
                }
            }
            previousCores = cores;
        }
    }

    private static void emit(PointSink out, long[] before, long[] after, String usageMetric, String modeMetric,
                             Map<String, String> tags) {
        long total = 0;
        long[] delta = new long[after.length];
        for (int i = 0; i < after.length; i++) {
            delta[i] = Math.max(0, after[i] - before[i]);
            total += delta[i];
        }
        if (total == 0) {
            return;
        }
        long idle = delta[TickType.IDLE.getIndex()] + delta[TickType.IOWAIT.getIndex()];
        out.add(usageMetric, tags, 100.0 * (total - idle) / total);
        for (TickType t : TickType.values()) {
            Map<String, String> withMode = new java.util.HashMap<>(tags);
            withMode.put("mode", t.name().toLowerCase(Locale.ROOT));
            out.add(modeMetric, withMode, 100.0 * delta[t.getIndex()] / total);
        }
    }
}
