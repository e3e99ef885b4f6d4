package io.sentrycloud.server.meta.dashboard;

import java.util.List;

/**
 * A chart of a dashboard: the original's {@code chart} row (type {@code line}/{@code pie}/{@code topN},
 * aggregation, down sample such as {@code 10s}, TopN limit), its lines, its place on the dashboard's 12-column
 * grid ({@code x, y, w, h}, the original's {@code chart_layout} entry) and display options (JSON object text).
 */
public record Chart(long id, long dashboardId, String name, String type, String aggregation, String downSample,
                    int topnLimit, Grid grid, String options, List<Line> lines, long version, long created,
                    long updated) {

    public Chart {
        lines = List.copyOf(lines);
    }

    /** A place on the 12-column grid of react-grid-layout. */
    public record Grid(int x, int y, int w, int h) {
    }

    /** The same chart on another dashboard. */
    public Chart onDashboard(long dashboard) {
        return new Chart(id, dashboard, name, type, aggregation, downSample, topnLimit, grid, options, lines, version,
                created, updated);
    }

    /** The same chart with another id, version and times (as stored). */
    Chart stored(long id, long version, long created, long updated, List<Line> lines) {
        return new Chart(id, dashboardId, name, type, aggregation, downSample, topnLimit, grid, options, lines,
                version, created, updated);
    }
}
