package io.sentrycloud.server.config;

import java.util.List;
import java.util.Map;

/**
 * sentry_server's whole configuration, one component per YAML section (snake_case in the file).
 * A new section is one record and one component here, plus its documented block in {@code sentry_server.yaml}.
 */
public record ServerConfig(HttpConfig http, StorageConfig storage, QueryConfig query, IngestConfig ingest,
                           SelfMonitorConfig selfMonitor, MetaConfig meta, AuthConfig auth,
                           ProtocolsConfig protocols, AlarmConfig alarm) {

    /** The built-in defaults with {@code --section.key=value} overrides, ignoring the environment (for tests). */
    public static ServerConfig defaults(String... flags) {
        return ConfigLoader.load(List.of(flags), Map.of(), null);
    }
}
