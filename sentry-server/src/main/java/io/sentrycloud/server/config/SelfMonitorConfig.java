package io.sentrycloud.server.config;

/**
 * The {@code self_monitor:} section.
 *
 * @param enabled         whether the server samples itself into its store
 * @param intervalSeconds seconds between samples
 */
public record SelfMonitorConfig(boolean enabled, int intervalSeconds) {

    public SelfMonitorConfig {
        Check.between("self_monitor.interval_seconds", intervalSeconds, 1, 3600);
    }
}
