package io.sentrycloud.alarm;

import io.sentrycloud.alarm.notify.RetryPolicy;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the engine runs.
 *
 * @param queryDelaySeconds   the window ends this long before now (the original: 10 s), so late points count
 * @param ruleRefreshSeconds  how often rules are re-read from the rule source
 * @param threads             evaluation threads
 * @param seedLookbackSeconds how far back a new heartbeat rule with {@code *} looks for series that reported
 *                            before (and so are missed at once)
 * @param publicUrl           the dashboard's address for chart links (e.g. {@code http://sentry:51001}), empty for
 *                            no links
 * @param owner               this engine's name in evaluation leases
 * @param zone                the time zone of {@code {time}} in messages
 * @param retry               delivery retries
 * @param messagesPerMinute   per-channel rate limit of deliveries
 */
public record EngineSettings(long queryDelaySeconds, long ruleRefreshSeconds, int threads, long seedLookbackSeconds,
                             String publicUrl, String owner, ZoneId zone, RetryPolicy retry,
                             double messagesPerMinute) {

    public EngineSettings {
        publicUrl = Objects.requireNonNullElse(publicUrl, "").replaceAll("/+$", "");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(retry, "retry");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    /** The original's 10 s delay, rules re-read every 10 s, 2 threads, a day of heartbeat look-back. */
    public static EngineSettings defaults(String owner) {
        return new EngineSettings(10, 10, 2, 86_400, "", owner, ZoneId.systemDefault(), RetryPolicy.DEFAULT, 60);
    }

    public EngineSettings withPublicUrl(String url) {
        return new EngineSettings(queryDelaySeconds, ruleRefreshSeconds, threads, seedLookbackSeconds, url, owner,
                zone, retry, messagesPerMinute);
    }

    public EngineSettings withZone(ZoneId z) {
        return new EngineSettings(queryDelaySeconds, ruleRefreshSeconds, threads, seedLookbackSeconds, publicUrl,
                owner, z, retry, messagesPerMinute);
    }

    public EngineSettings withRetry(RetryPolicy r) {
        return new EngineSettings(queryDelaySeconds, ruleRefreshSeconds, threads, seedLookbackSeconds, publicUrl,
                owner, zone, r, messagesPerMinute);
    }

    public EngineSettings withThreads(int n) {
        return new EngineSettings(queryDelaySeconds, ruleRefreshSeconds, n, seedLookbackSeconds, publicUrl, owner,
                zone, retry, messagesPerMinute);
    }
}
