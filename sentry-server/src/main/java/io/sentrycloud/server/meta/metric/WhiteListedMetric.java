package io.sentrycloud.server.meta.metric;

/** One entry of the original's metric white list. */
public record WhiteListedMetric(long id, String metric, String creator, String appName, long version, long created,
                                long updated) {
}
