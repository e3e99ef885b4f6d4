package io.sentrycloud.agent.config;

import java.net.URI;
import java.util.List;

/**
 * The {@code collectors:} section: services next to the agent, probes and scrapes. Lists are comma separated.
 *
 * @param redis                Redis servers, {@code redis://[:password@]host:port}
 * @param mysql                MySQL/MariaDB servers, {@code mysql://user:password@host:port}
 * @param httpProbes           URLs to GET
 * @param tcpProbes            {@code host:port} to connect to
 * @param prometheus           Prometheus text endpoints to scrape
 * @param prometheusMaxSamples most samples pushed per scrape
 * @param timeoutMs            timeout of one query, probe or scrape
 */
public record CollectorsConfig(String redis, String mysql, String httpProbes, String tcpProbes, String prometheus,
                               int prometheusMaxSamples, int timeoutMs) {

    public CollectorsConfig {
        redis = redis == null ? "" : redis;
        mysql = mysql == null ? "" : mysql;
        httpProbes = httpProbes == null ? "" : httpProbes;
        tcpProbes = tcpProbes == null ? "" : tcpProbes;
        prometheus = prometheus == null ? "" : prometheus;
        uris("collectors.redis", redis, "redis");
        uris("collectors.mysql", mysql, "mysql");
        uris("collectors.http_probes", httpProbes, "http", "https");
        uris("collectors.prometheus", prometheus, "http", "https");
        for (String t : HostMetricsConfig.split(tcpProbes)) {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || !t.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("collectors.tcp_probes entries are host:port, got '" + t + "'");
            }
        }
        Check.between("collectors.prometheus_max_samples", prometheusMaxSamples, 1, 1_000_000);
        Check.between("collectors.timeout_ms", timeoutMs, 100, 600_000);
    }

    /** {@link #redis} as URLs. */
    public List<URI> redisUrls() {
        return uris("collectors.redis", redis, "redis");
    }

    /** {@link #mysql} as URLs. */
    public List<URI> mysqlUrls() {
        return uris("collectors.mysql", mysql, "mysql");
    }

    /** {@link #httpProbes} as URLs. */
    public List<URI> httpProbeUrls() {
        return uris("collectors.http_probes", httpProbes, "http", "https");
    }

    /** {@link #tcpProbes} as {@code host:port} strings. */
    public List<String> tcpProbeTargets() {
        return HostMetricsConfig.split(tcpProbes);
    }

    /** {@link #prometheus} as URLs. */
    public List<URI> prometheusUrls() {
        return uris("collectors.prometheus", prometheus, "http", "https");
    }

    /** A comma separated list of URIs, each with one of {@code schemes} and a host. */
    static List<URI> uris(String key, String csv, String... schemes) {
        return HostMetricsConfig.split(csv).stream().map(u -> {
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": '" + u + "' is not a URL: " + e.getMessage());
            }
            if (uri.getHost() == null || !List.of(schemes).contains(uri.getScheme())) {
                throw new IllegalArgumentException(key + ": '" + u + "' must look like " + schemes[0]
                        + "://host:port");
            }
            return uri;
        }).toList();
    }
}
