package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/**
 * Each local filesystem, tagged {@code path} (mount point) and {@code device}: {@code sentry_sys_disk_usage}
 * (percent used, the original's), {@code sentry_sys_disk_total}, {@code sentry_sys_disk_used},
 * {@code sentry_sys_disk_free} (bytes), {@code sentry_sys_disk_inodes_usage} (percent),
 * {@code sentry_sys_disk_inodes_free}. Used percent is counted as {@code df} does: against used plus what
 * unprivileged users may still write.
 */
public final class FilesystemCollector implements Collector {

    private final FileSystem fileSystem;
    private final Set<String> excludedTypes;

    public FilesystemCollector(FileSystem fileSystem, List<String> excludedTypes) {
        this.fileSystem = fileSystem;
        this.excludedTypes = Set.copyOf(excludedTypes);
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void collect(PointSink out) {
        Set<String> seen = new HashSet<>();
        for (OSFileStore fs : fileSystem.getFileStores(true)) {
            if (excludedTypes.contains(fs.getType()) || fs.getTotalSpace() <= 0 || !seen.add(fs.getMount())) {
                continue;
            }
            Map<String, String> tags = Map.of("path", fs.getMount(), "device", fs.getVolume());
            long total = fs.getTotalSpace();
            long free = fs.getFreeSpace();
            long used = total - free;
            long usable = fs.getUsableSpace();
            double usage = used + usable > 0 ? 100.0 * used / (used + usable) : 0;
            out.add("sentry_sys_disk_usage", tags, usage);
            out.add("sentry_sys_disk_total", tags, total);
            out.add("sentry_sys_disk_used", tags, used);
            out.add("sentry_sys_disk_free", tags, usable);
            long inodes = fs.getTotalInodes();
            if (inodes > 0) {
                out.add("sentry_sys_disk_inodes_usage", tags, 100.0 * (inodes - fs.getFreeInodes()) / inodes);
                out.add("sentry_sys_disk_inodes_free", tags, fs.getFreeInodes());
            }
        }
    }
}
