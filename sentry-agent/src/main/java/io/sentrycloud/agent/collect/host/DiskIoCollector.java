package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import io.sentrycloud.agent.collect.Rates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * Block device I/O between two rounds. The original's machine-wide metrics: {@code sentry_sys_io_read} and
 * {@code sentry_sys_io_write} (bytes/s, all disks), {@code sentry_sys_io_wait} (ms per completed request, the worst
 * disk) and {@code sentry_sys_io_util} (percent of time busy, the worst disk). Per disk, tagged {@code device}:
 * {@code sentry_sys_io_dev_read_bytes}, {@code sentry_sys_io_dev_write_bytes} (bytes/s),
 * {@code sentry_sys_io_dev_read_ops}, {@code sentry_sys_io_dev_write_ops} (requests/s),
 * {@code sentry_sys_io_dev_util} (percent busy), {@code sentry_sys_io_dev_wait} (ms per request).
 * Request times come from {@code /proc/diskstats}, which OSHI does not expose; elsewhere wait is not reported.
 */
public final class DiskIoCollector implements Collector {

    private static final Path DISKSTATS = Path.of("/proc/diskstats");

    private final HardwareAbstractionLayer hal;
    private final List<String> excludedPrefixes;
    private final Rates rates = new Rates();
    private List<HWDiskStore> disks;
    private int roundsSinceScan;

    public DiskIoCollector(HardwareAbstractionLayer hal, List<String> excludedPrefixes) {
        this.hal = hal;
        this.excludedPrefixes = List.copyOf(excludedPrefixes);
    }

    @Override
    public String name() {
        return "diskio";
    }

    @Override
    public void collect(PointSink out) {
        // listing disks walks udev: do it every 30 rounds (disks come and go rarely), refresh counters otherwise
        if (disks == null || ++roundsSinceScan >= 30) {
            disks = hal.getDiskStores().stream().filter(d -> !excluded(d.getName())).toList();
            roundsSinceScan = 0;
        } else {
            disks.forEach(HWDiskStore::updateAttributes);
        }
        long now = System.nanoTime();
        Map<String, long[]> requestTimes = requestTimes();
        double readTotal = 0;
        double writeTotal = 0;
        double worstWait = 0;
        double worstUtil = 0;
        boolean any = false;
        for (HWDiskStore d : disks) {
            String name = shortName(d.getName());
            Map<String, String> tags = Map.of("device", name);
            double readBytes = rates.perSecond(name + "/rb", d.getReadBytes(), now);
            double writeBytes = rates.perSecond(name + "/wb", d.getWriteBytes(), now);
            double readOps = rates.perSecond(name + "/r", d.getReads(), now);
            double writeOps = rates.perSecond(name + "/w", d.getWrites(), now);
            // transfer time is ms busy: per second of wall time it is per mille, / 10 for percent
            double util = Math.min(100, rates.perSecond(name + "/busy", d.getTransferTime(), now) / 10);
            if (Double.isNaN(readBytes)) {
                continue; // first reading of this disk
            }
            any = true;
            out.add("sentry_sys_io_dev_read_bytes", tags, readBytes);
            out.add("sentry_sys_io_dev_write_bytes", tags, writeBytes);
            out.add("sentry_sys_io_dev_read_ops", tags, readOps);
            out.add("sentry_sys_io_dev_write_ops", tags, writeOps);
            out.add("sentry_sys_io_dev_util", tags, util);
            readTotal += readBytes;
            writeTotal += writeBytes;
            if (!Double.isNaN(util)) {
                worstUtil = Math.max(worstUtil, util);
            }
            long[] rt = requestTimes.get(name);
            if (rt != null) {
                long ops = rates.delta(name + "/ops", rt[0]);
                long ms = rates.delta(name + "/ms", rt[1]);
                if (ops >= 0 && ms >= 0) {
                    double wait = ops == 0 ? 0 : (double) ms / ops;
                    out.add("sentry_sys_io_dev_wait", tags, wait);
                    worstWait = Math.max(worstWait, wait);
                }
            }
        }
        if (any) {
            out.add("sentry_sys_io_read", readTotal);
            out.add("sentry_sys_io_write", writeTotal);
            out.add("sentry_sys_io_util", worstUtil);
            if (!requestTimes.isEmpty()) {
                out.add("sentry_sys_io_wait", worstWait);
            }
        }
    }

    private boolean excluded(String name) {
        String s = shortName(name);
        return excludedPrefixes.stream().anyMatch(s::startsWith);
    }

    private static String shortName(String name) {
        return name.startsWith("/dev/") ? name.substring(5) : name;
    }

    /** Device name to {requests completed, ms spent on them} from /proc/diskstats; empty elsewhere. */
    static Map<String, long[]> requestTimes() {
        Map<String, long[]> times = new HashMap<>();
        if (!Files.isReadable(DISKSTATS)) {
            return times;
        }
        try {
            for (String line : Files.readAllLines(DISKSTATS)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 11) {
                    // 3 reads completed, 6 ms reading, 7 writes completed, 10 ms writing
                    times.put(f[2], new long[]{Long.parseLong(f[3]) + Long.parseLong(f[7]),
                            Long.parseLong(f[6]) + Long.parseLong(f[10])});
                }
            }
        } catch (IOException | NumberFormatException e) {
            times.clear();
        }
        return times;
    }
}
