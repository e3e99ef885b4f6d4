package io.sentrycloud.server.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where {@code /server/api/chartData} finds a stored chart's lines (the metadata database in a running server). */
@FunctionalInterface
public interface ChartLines {

    /** The lines of chart {@code chartId}, or empty when there is no such chart. */
    Optional<List<Line>> of(long chartId);

    /**
     * One line of a chart.
     *
     * @param name   the legend name
     * @param tags   tag expressions as in range queries ({@code *} = one line per value)
     * @param offset seconds in the past the line is drawn from, on the chart's time axis
     */
    record Line(String name, String metric, Map<String, String> tags, long offset) {
    }
}
