package io.sentrycloud.server.meta.access;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per client address and per user name to a number per minute, so passwords cannot be
 * guessed at speed. Kept in memory: each server instance limits on its own, which still bounds the rate.
 */
public final class LoginThrottle {

    private static final long WINDOW_MILLIS = 60_000;
    /** Above this many tracked keys, windows that ended are dropped so memory stays bounded. */
    private static final int SWEEP_ABOVE = 10_000;

    private final int maxFailures;
    private final Clock clock;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailuresPerMinute, Clock clock) {
        this.maxFailures = maxFailuresPerMinute;
        this.clock = clock;
    }

    private record Window(long start, int count) {
    }

    /** Seconds to wait before another try from this address or for this user, or 0 when allowed now. */
    public long retryAfterSeconds(String address, String username) {
        long now = clock.millis();
        long wait = Math.max(wait(failures.get("ip:" + address), now), wait(failures.get("user:" + username), now));
        return wait == 0 ? 0 : Math.max(1, (wait + 999) / 1000);
    }

    private long wait(Window w, long now) {
        if (w == null || now - w.start >= WINDOW_MILLIS || w.count < maxFailures) {
            return 0;
        }
        return w.start + WINDOW_MILLIS - now;
    }

    /** Counts a failed login. */
    public void failed(String address, String username) {
        long now = clock.millis();
        if (failures.size() > SWEEP_ABOVE) {
            failures.values().removeIf(w -> now - w.start >= WINDOW_MILLIS);
        }
        for (String key : new String[]{"ip:" + address, "user:" + username}) {
            failures.merge(key, new Window(now, 1), (old, one) -> now - old.start >= WINDOW_MILLIS
                    ? one : new Window(old.start, old.count + 1));
        }
    }

    /** A successful login clears the user name's count (not the address's: one address may try many names). */
    public void succeeded(String username) {
        failures.remove("user:" + username);
    }
}
