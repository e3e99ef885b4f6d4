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
        AgentConfig config = AgentConfig.defaults("--listeners.http_port=0", "--listeners.tcp_port=0",
                "--server_url=http://127.0.0.1:" + server.port(),
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

    @Test
    void pointsFromLocalAppsOverHttpAndPduReachTheServer() throws Exception {
        server = startServer(0);
        int httpPort = freePort();
        int tcpPort = freePort();
        AgentConfig config = AgentConfig.defaults("--listeners.http_port=" + httpPort,
                "--listeners.tcp_port=" + tcpPort, "--server_url=http://127.0.0.1:" + server.port(),
                "--interval_seconds=60", "--ip=10.9.8.7");
        agent = SentryAgent.create(config, home, false, null);
        agent.start();
        long now = System.currentTimeMillis() / 1000;
        String body = "[{\"metric\":\"app_orders\",\"tags\":{\"via\":\"http\"},\"timestamp\":" + now
                + ",\"value\":5}]";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
                        + "/agent/api/putMetrics")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", tcpPort)) {
            s.getOutputStream().write(io.sentrycloud.agent.listen.Pdu.encode(1, 1, body.replace("http", "pdu")
                    .replace(":5}", ":7}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        ServerQueries q = new ServerQueries(server.port());
        JsonNode answer = ServerQueries.awaitAnswer(() -> q.range("app_orders", "{\"via\":\"*\"}", 300, 60,
                "sum"), a -> a.size() == 2, Duration.ofSeconds(30));
        assertThat(answer.toString()).contains("\"via\":\"http\"").contains("\"via\":\"pdu\"");
        JsonNode curves = q.post("/server/api/curves", "{\"metric\":\"app_orders\",\"tags\":{\"sentryIP\":\"*\"}}");
        assertThat(curves.get(0).get("sentryIP").asText()).isEqualTo("10.9.8.7");
        double total = 0;
        for (JsonNode line : answer) {
            for (JsonNode dp : line.get("dps")) {
                total += dp.get("v").asDouble();
            }
        }
        assertThat(total).isEqualTo(12.0);
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
