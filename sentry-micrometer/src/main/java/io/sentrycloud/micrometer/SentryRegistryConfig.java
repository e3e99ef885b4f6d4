package io.sentrycloud.micrometer;

import io.micrometer.core.instrument.step.StepRegistryConfig;

/**
 * Settings of a {@link SentryMeterRegistry}, read through {@link #get} like every Micrometer registry's (property
 * keys {@code sentry.step}, {@code sentry.serverUrl}, ...; Spring Boot maps {@code management.sentry.metrics.export.*}
 * onto such keys when it is wired to a property source).
 */
public interface SentryRegistryConfig extends StepRegistryConfig {

    /** All defaults: push to http://localhost:51001 every minute. */
    SentryRegistryConfig DEFAULT = key -> null;

    @Override
    default String prefix() {
        return "sentry";
    }

    /** sentry_server URLs, comma separated (fail over in order), or a local agent's ingest URL. */
    default String serverUrl() {
        String v = get(prefix() + ".serverUrl");
        return v == null ? "http://localhost:51001" : v;
    }

    /** Tags added to every point, as {@code key=value,key=value} (e.g. {@code app=shop,env=prod}). */
    default String commonTags() {
        String v = get(prefix() + ".commonTags");
        return v == null ? "" : v;
    }
}
