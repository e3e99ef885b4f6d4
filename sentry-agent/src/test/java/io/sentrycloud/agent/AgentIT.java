package io.sentrycloud.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.agent.config.AgentConfig;
import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent pushing this machine's real metrics to a real sentry_server on 127.0.0.1. */
class AgentIT {

    @TempDir
    Path data;
    @TempDir
    Path home;

    SentryServer server;
    SentryAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SentryServer startServer(int port) {
        return SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=" + port,
                "--storage.data_dir=" + data, "--self_monitor.enabled=false"));
    }

    @Test
    void hostMetricsArriveWithTheOriginalNamesAndTags() throws Exception {
        server = startServer(0);
        AgentConfig config = AgentConfig.defaults("--server_url=http://127.0.0.1:" + server.port(),
                "--interval_seconds=1", "--tags.dc=it", "--host=it-host");
        agent = SentryAgent.create(config, home, false, null);
        agent.start();
        ServerQueries q = new ServerQueries(server.port());

        JsonNode cpu = ServerQueries.awaitAnswer(() -> q.range("sentry_sys_cpu_usage", "{\"dc\":\"it\"}", 120, 1,
                "avg"), a -> a.get(0).get("dps").size() > 0, Duration.ofSeconds(30));
        assertThat(cpu.get(0).get("dps").size()).isPositive();
        double v = cpu.get(0).get("dps").get(0).get("v").asDouble();
        assertThat(v).isBetween(0.0, 100.0);

        // the series carry host, ip and the configured tag
        JsonNode curves = q.post("/server/api/curves", "{\"metric\":\"sentry_sys_mem_usage\",\"tags\":"
                + "{\"host\":\"*\",\"ip\":\"*\",\"dc\":\"*\"}}");
        assertThat(curves.toString()).contains("\"host\":\"it-host\"").contains("\"dc\":\"it\"");
        assertThat(curves.get(0).get("ip").asText()).isNotEmpty();

        JsonNode metrics = q.post("/server/api/metrics", "{\"metric\":\"sentry_\"}");
        List<String> names = new ArrayList<>();
        metrics.forEach(m -> names.add(m.asText()));
        assertThat(names).contains("sentry_sys_cpu_usage", "sentry_sys_load_average", "sentry_sys_mem_usage",
                "sentry_sys_disk_usage", "sentry_sys_tcp_status", "sentry_sys_process_number",
                "sentry_agent_heartbeat", "sentry_agent_rss");

        JsonNode disk = q.post("/server/api/curves", "{\"metric\":\"sentry_sys_disk_usage\",\"tags\":"
                + "{\"path\":\"*\"}}");
        assertThat(disk.toString()).contains("\"path\":\"/\"");
        JsonNode tcp = q.post("/server/api/curves", "{\"metric\":\"sentry_sys_tcp_status\",\"tags\":"
                + "{\"status\":\"*\"}}");
        assertThat(tcp.toString()).contains("ESTABLISHED", "LISTEN", "TIME_WAIT");
    }
}
