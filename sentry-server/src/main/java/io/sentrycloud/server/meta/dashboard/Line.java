package io.sentrycloud.server.meta.dashboard;

import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a chart (the original's {@code line} row): a metric with tag filters ({@code *} = one line per
 * value, {@code a||b} = either), drawn {@code offset} seconds in the past when non-zero.
 */
public record Line(long id, String name, String metric, Map<String, String> tags, int offset) {

    public Line {
        tags = new TreeMap<>(tags);
    }
}
