package io.sentrycloud.agent.collect.self;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import io.sentrycloud.agent.listen.ListenerStats;
import io.sentrycloud.sdk.DeliveryStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.function.Supplier;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * {@code sentry_agent_heartbeat} (1 every round; the heartbeat alarm watches it), the agent's cost —
 * {@code sentry_agent_cpu_usage} (percent of one core), {@code sentry_agent_rss}, {@code sentry_agent_heap_used}
 * (bytes) — and its delivery counters: {@code sentry_agent_points_sent}, {@code sentry_agent_points_dropped},
 * {@code sentry_agent_points_rejected} (totals since start), {@code sentry_agent_points_spooled},
 * {@code sentry_agent_spool_bytes}, {@code sentry_agent_points_queued} (now); and per local listener, tagged
 * {@code listener} (http, tcp, statsd): {@code sentry_agent_listener_points}, {@code sentry_agent_listener_refused}
 * (totals since start).
 */
public final class SelfCollector implements Collector {

    private final OperatingSystem os;
    private final Supplier<DeliveryStats> delivery;
    private final ListenerStats listeners;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final int pid = (int) ProcessHandle.current().pid();
    private long previousCpuMs = -1;
    private long previousNanos;

    /**
     * @param delivery  the client's counters, or null when the agent only prints (no delivery)
     * @param listeners the local listeners' counters
     */
    public SelfCollector(OperatingSystem os, Supplier<DeliveryStats> delivery, ListenerStats listeners) {
        this.os = os;
        this.delivery = delivery;
        this.listeners = listeners;
    }

    @Override
    public String name() {
        return "self";
    }

    @Override
    public void collect(PointSink out) {
        out.add("sentry_agent_heartbeat", 1);
        long now = System.nanoTime();
        OSProcess self = os.getProcess(pid);
        if (self != null) {
            long cpuMs = self.getKernelTime() + self.getUserTime();
            if (previousCpuMs >= 0 && now > previousNanos) {
                out.add("sentry_agent_cpu_usage", 100.0 * (cpuMs - previousCpuMs) * 1e6 / (now - previousNanos));
            }
            previousCpuMs = cpuMs;
            previousNanos = now;
            out.add("sentry_agent_rss", self.getResidentSetSize());
        }
        out.add("sentry_agent_heap_used", memory.getHeapMemoryUsage().getUsed());
        if (delivery != null) {
            DeliveryStats s = delivery.get();
            out.add("sentry_agent_points_sent", s.sent());
            out.add("sentry_agent_points_dropped", s.dropped());
            out.add("sentry_agent_points_rejected", s.rejected());
            out.add("sentry_agent_points_spooled", s.spooled());
            out.add("sentry_agent_spool_bytes", s.spooledBytes());
            out.add("sentry_agent_points_queued", s.queued());
        }
        listeners.receivedTotals().forEach((name, n) ->
                out.add("sentry_agent_listener_points", Map.of("listener", name), n));
        listeners.refusedTotals().forEach((name, n) ->
                out.add("sentry_agent_listener_refused", Map.of("listener", name), n));
    }
}
