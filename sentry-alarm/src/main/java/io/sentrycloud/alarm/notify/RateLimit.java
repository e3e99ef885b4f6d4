package io.sentrycloud.alarm.notify;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per channel name, so that an alert storm does not get the sender blocked by the mail server or
 * a chat app's robot limit (DingTalk allows 20 messages a minute per robot).
 */
public final class RateLimit {

    private final double perMinute;
    private final Map<String, double[]> buckets = new HashMap<>(); // {tokens, lastRefillMillis}

    /** @param perMinute messages per minute per channel, also the burst size */
    public RateLimit(double perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes a token for {@code channel}; returns 0 when granted, else the milliseconds until one is free. */
    public synchronized long acquire(String channel, long nowMillis) {
        double[] b = buckets.computeIfAbsent(channel, k -> new double[] {perMinute, nowMillis});
        b[0] = Math.min(perMinute, b[0] + (nowMillis - b[1]) * perMinute / 60_000.0);
        b[1] = nowMillis;
        if (b[0] >= 1) {
            b[0] -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - b[0]) * 60_000.0 / perMinute);
    }
}
