package io.sentrycloud.agent;

import io.sentrycloud.sdk.MetricPoint;
import io.sentrycloud.sdk.json.PointJson;

/** A point as {@code --print} shows it: one JSON object per line, in the original shape. */
final class Printed {

    private Printed() {
    }

    static String line(MetricPoint p) {
        StringBuilder sb = new StringBuilder(128);
        PointJson.append(sb, p);
        return sb.toString();
    }
}
