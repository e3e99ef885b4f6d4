package io.sentrycloud.agent.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * sentry_agent's whole configuration (snake_case keys in {@code conf/sentry_agent.yaml}).
 *
 * @param serverUrl       server URLs, comma separated, tried in order
 * @param intervalSeconds seconds between collection rounds
 * @param host            the host tag, empty for the host name
 * @param ip              the ip tag, empty to detect it
 * @param tags            extra tags on every collected point
 * @param delivery        the {@code delivery:} section
 * @param hostMetrics     the {@code host_metrics:} section
 * @param listeners       the {@code listeners:} section
 */
public record AgentConfig(String serverUrl, int intervalSeconds, String host, String ip, Map<String, String> tags,
                          DeliveryConfig delivery, HostMetricsConfig hostMetrics, ListenersConfig listeners) {

    public AgentConfig {
        Check.notBlank("server_url", serverUrl);
        for (String url : HostMetricsConfig.split(serverUrl)) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("server_url '" + url + "' is not a URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("server_url '" + url + "' must look like http://host:51001");
            }
        }
        Check.between("interval_seconds", intervalSeconds, 1, 86_400);
        host = host == null ? "" : host.trim();
        ip = ip == null ? "" : ip.trim();
        tags = tags == null ? Map.of() : new TreeMap<>(tags);
        for (var e : tags.entrySet()) {
            Check.name("tags." + e.getKey(), e.getKey());
            Check.notBlank("tags." + e.getKey(), e.getValue());
        }
        tags = java.util.Collections.unmodifiableMap(tags);
    }

    /** The server URLs in order of preference. */
    public List<String> serverUrls() {
        return HostMetricsConfig.split(serverUrl);
    }

    /** The spool directory resolved against {@code home}, or null for an in-memory spool. */
    public Path spoolDir(Path home) {
        return delivery.spoolDir().isEmpty() ? null : home.resolve(delivery.spoolDir());
    }

    /** The built-in defaults with {@code --key=value} overrides, ignoring the environment (for tests). */
    public static AgentConfig defaults(String... flags) {
        return ConfigLoader.load(List.of(flags), Map.of(), null);
    }
}
