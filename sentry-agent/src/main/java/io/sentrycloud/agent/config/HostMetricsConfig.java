package io.sentrycloud.agent.config;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code host_metrics:} section.
 *
 * @param perCore        report each core besides the totals
 * @param excludeFsTypes filesystem types never reported, comma separated
 * @param excludeDisks   block device name prefixes never reported, comma separated
 * @param processes      process names to report per process name, comma separated
 */
public record HostMetricsConfig(boolean perCore, String excludeFsTypes, String excludeDisks, String processes) {

    public HostMetricsConfig {
        excludeFsTypes = excludeFsTypes == null ? "" : excludeFsTypes;
        excludeDisks = excludeDisks == null ? "" : excludeDisks;
        processes = processes == null ? "" : processes;
    }

    /** {@link #excludeFsTypes} as a list. */
    public List<String> excludedFsTypes() {
        return split(excludeFsTypes);
    }

    /** {@link #excludeDisks} as a list. */
    public List<String> excludedDisks() {
        return split(excludeDisks);
    }

    /** {@link #processes} as a list. */
    public List<String> processNames() {
        return split(processes);
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
