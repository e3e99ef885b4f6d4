package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

/**
 * Memory and swap: {@code sentry_sys_mem_usage} (percent used, the original's), {@code sentry_sys_mem_total},
 * {@code sentry_sys_mem_used}, {@code sentry_sys_mem_available} (bytes); {@code sentry_sys_swap_usage} (percent),
 * {@code sentry_sys_swap_total}, {@code sentry_sys_swap_used} (bytes).
 */
public final class MemoryCollector implements Collector {

    private final GlobalMemory memory;

    public MemoryCollector(GlobalMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void collect(PointSink out) {
        long total = memory.getTotal();
        long available = memory.getAvailable();
        long used = total - available;
        if (total > 0) {
            out.add("sentry_sys_mem_usage", 100.0 * used / total);
        }
        out.add("sentry_sys_mem_total", total);
        out.add("sentry_sys_mem_used", used);
        out.add("sentry_sys_mem_available", available);
        VirtualMemory swap = memory.getVirtualMemory();
        out.add("sentry_sys_swap_total", swap.getSwapTotal());
        out.add("sentry_sys_swap_used", swap.getSwapUsed());
        out.add("sentry_sys_swap_usage", swap.getSwapTotal() > 0 ? 100.0 * swap.getSwapUsed() / swap.getSwapTotal()
                : 0);
    }
}
