package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Processes and uptime: {@code sentry_sys_process_number} (the original's), {@code sentry_sys_thread_number},
 * {@code sentry_sys_uptime} (seconds). For each configured process name, tagged {@code process}:
 * {@code sentry_sys_proc_count}, {@code sentry_sys_proc_cpu_usage} (percent of one core, all processes of that name),
 * {@code sentry_sys_proc_rss} (bytes).
 */
public final class ProcessCollector implements Collector {

    private final OperatingSystem os;
    private final Set<String> names;
    /** pid to {cpu ms, nanoTime} of the previous round. */
    private Map<Integer, long[]> previousCpu = new HashMap<>();

    public ProcessCollector(OperatingSystem os, List<String> names) {
        this.os = os;
        this.names = Set.copyOf(names);
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public void collect(PointSink out) {
        out.add("sentry_sys_process_number", os.getProcessCount());
        out.add("sentry_sys_thread_number", os.getThreadCount());
        out.add("sentry_sys_uptime", os.getSystemUptime());
        if (names.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Map<String, double[]> byName = new HashMap<>(); // name -> {count, cpu %, rss}
        names.forEach(n -> byName.put(n, new double[3]));
        Map<Integer, long[]> cpu = new HashMap<>();
        for (OSProcess p : os.getProcesses(p -> names.contains(p.getName()), null, 0)) {
            double[] acc = byName.get(p.getName());
            long cpuMs = p.getKernelTime() + p.getUserTime();
            cpu.put(p.getProcessID(), new long[]{cpuMs, now});
            long[] prev = previousCpu.get(p.getProcessID());
            acc[0]++;
            if (prev != null && now > prev[1] && cpuMs >= prev[0]) {
                acc[1] += 100.0 * (cpuMs - prev[0]) * 1e6 / (now - prev[1]);
            }
            acc[2] += p.getResidentSetSize();
        }
        previousCpu = cpu;
        byName.forEach((name, acc) -> {
            Map<String, String> tags = Map.of("process", name);
            out.add("sentry_sys_proc_count", tags, acc[0]);
            out.add("sentry_sys_proc_cpu_usage", tags, acc[1]);
            out.add("sentry_sys_proc_rss", tags, acc[2]);
        });
    }
}
