package io.sentrycloud.server.meta.dashboard;

/**
 * A dashboard: a named page of charts (the original's {@code dashboard} row).
 *
 * @param tagFilter   the dashboard-wide tag picker as JSON text, e.g.
 *                    {@code {"metric":"sentry_sys_cpu_usage","tags":["sentryIP"]}}; empty for none
 * @param savedStatus the dashboard app's saved view state (opaque text), as in the original
 * @param version     incremented by every update; an update must name the version it read
 */
public record Dashboard(long id, String name, String creator, String appName, String tagFilter,
                        String savedStatus, long version, long created, long updated) {

    /** A dashboard to create or the new content of one to update (id, version and times are ignored). */
    public static Dashboard draft(String name, String creator, String appName, String tagFilter,
                                  String savedStatus) {
        return new Dashboard(0, name, creator, appName, tagFilter, savedStatus, 0, 0, 0);
    }
}
