package io.sentrycloud.agent.collect;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns monotonically increasing counters into per-second rates between two readings. A counter seen for the first
 * time, or one that went backwards (a reset, a device re-added), gives no rate that round.
 */
public final class Rates {

    private final Map<String, long[]> previous = new HashMap<>();

    /**
     * @param key      the counter's identity, e.g. {@code eth0/bytes_recv}
     * @param value    its current reading
     * @param nowNanos when it was read ({@link System#nanoTime()})
     * @return the increase per second since the previous reading, or NaN when there is none
     */
    public double perSecond(String key, long value, long nowNanos) {
        long[] prev = previous.put(key, new long[]{value, nowNanos});
        if (prev == null || value < prev[0] || nowNanos <= prev[1]) {
            return Double.NaN;
        }
        return (value - prev[0]) * 1e9 / (nowNanos - prev[1]);
    }

    /**
     * The increase of a counter since the previous reading, or -1 when there is none (first reading or a reset).
     */
    public long delta(String key, long value) {
        long[] prev = previous.put(key, new long[]{value, 0});
        if (prev == null || value < prev[0]) {
            return -1;
        }
        return value - prev[0];
    }
}
