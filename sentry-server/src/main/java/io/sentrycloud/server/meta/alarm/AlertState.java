package io.sentrycloud.server.meta.alarm;

/**
 * Where one series of one rule stands, kept so a restarted (or another) server instance goes on counting and
 * does not notify twice.
 *
 * @param series       the series' tags as canonical JSON (sorted keys)
 * @param state        e.g. {@code ok}, {@code pending}, {@code firing}
 * @param since        when it entered that state (epoch ms)
 * @param errorCount   consecutive evaluations past the trigger
 * @param lastNotified when its contacts last heard of it, null for never
 */
public record AlertState(long ruleId, String series, String state, long since, int errorCount, Double lastValue,
                         Long lastNotified, long updated) {
}
