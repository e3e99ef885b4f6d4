package io.sentrycloud.server.config;

import java.util.List;
import java.util.Map;

/**
 * sentry_server's whole configuration, one component per YAML section (snake_case in the file).
 * A new section is one record and one component here, plus its documented block in {@code sentry_server.yaml}.
 */
public record ServerConfig(HttpConfig http, StorageConfig storage, QueryConfig query, IngestConfig ingest,
                           SelfMonitorConfig selfMonitor, MetaConfig meta, AuthConfig auth,
                           ProtocolsConfig protocols, AlarmConfig alarm, PduConfig pdu) {

    /**
     * The built-in defaults with {@code --section.key=value} overrides, ignoring the environment (for tests). The PDU
     * listener gets a free port unless a flag names one, so tests' servers do not compete for 51000.
     */
    public static ServerConfig defaults(String... flags) {
        List<String> args = new java.util.ArrayList<>();
        args.add("--pdu.port=0");
        args.addAll(List.of(flags));
        return ConfigLoader.load(args, Map.of(), null);
    }
}
