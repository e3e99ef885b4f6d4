package io.sentrycloud.bench.data;

import io.sentrycloud.tsdb.Point;

import java.util.List;
import java.util.Map;

/**
 * Writes points as Influx line protocol, the one format both sentry and VictoriaMetrics ingest, so a comparison
 * pushes identical bytes to both. The generator's names and tag values need no escaping.
 */
public final class InfluxLine {

    private InfluxLine() {
    }

    /** One line per point: {@code metric,k=v,... value=<v> <timestamp ms>}; use precision {@code ms}. */
    public static String encode(List<Point> points) {
        StringBuilder sb = new StringBuilder(points.size() * 96);
        for (Point p : points) {
            sb.append(p.series().metric());
            for (Map.Entry<String, String> t : p.series().tags().entrySet()) {
                sb.append(',').append(t.getKey()).append('=').append(t.getValue());
            }
            sb.append(" value=").append(p.value()).append(' ').append(p.timestamp()).append('\n');
        }
        return sb.toString();
    }
}
