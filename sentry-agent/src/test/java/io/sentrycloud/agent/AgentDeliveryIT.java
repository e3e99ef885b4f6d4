package io.sentrycloud.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.agent.config.AgentConfig;
import io.sentrycloud.sdk.DeliveryStats;
import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery while the server is away: spool on disk, nothing lost when it returns, the spool bound kept. */
class AgentDeliveryIT {

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
    void serverAwayForAMinuteLosesNothing() throws Exception {
        server = startServer(0);
        int port = server.port();
        AgentConfig config = AgentConfig.defaults("--listeners.http_port=0", "--listeners.tcp_port=0",
                "--server_url=http://127.0.0.1:" + port, "--interval_seconds=1",
                "--delivery.max_backoff_seconds=2", "--tags.run=away");
        agent = SentryAgent.create(config, home, false, null);
        agent.start();
        ServerQueries q = new ServerQueries(port);
        ServerQueries.awaitAnswer(() -> heartbeats(q), a -> count(a) >= 2, Duration.ofSeconds(30));

        server.close();
        server = null;
        long downSince = System.nanoTime();
        // a minute without a server: every round goes to the disk spool
        while (System.nanoTime() - downSince < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(1000);
        }
        DeliveryStats away = agent.client().stats();
        assertThat(away.spooled() + away.queued()).isPositive();
        assertThat(away.failedAttempts()).isPositive();
        try (Stream<Path> files = Files.list(home.resolve("spool"))) {
            assertThat(files.count()).isPositive();
        }

        server = startServer(port);
        agent.close(); // stop collecting so the count is final; close delivers what is spooled
        long rounds = agent.rounds();
        DeliveryStats done = agent.client().stats();
        assertThat(done.spooled()).isZero();
        assertThat(done.dropped()).isZero();
        agent = null;

        JsonNode answer = ServerQueries.awaitAnswer(() -> heartbeats(q), a -> count(a) >= rounds,
                Duration.ofSeconds(30));
        // one heartbeat per round, each stored once: nothing lost, nothing doubled
        assertThat(count(answer)).isEqualTo(rounds);
        assertThat(rounds).isGreaterThan(60);
    }

    @Test
    void theSpoolStaysWithinItsLimitDroppingTheOldest() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        long limit = 20_000;
        AgentConfig config = AgentConfig.defaults("--listeners.http_port=0", "--listeners.tcp_port=0",
                "--server_url=http://127.0.0.1:" + deadPort,
                "--interval_seconds=1", "--delivery.spool_max_bytes=" + limit, "--delivery.max_backoff_seconds=1",
                "--delivery.batch_size=50");
        agent = SentryAgent.create(config, home, false, null);
        agent.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (agent.client().stats().droppedSpoolFull() == 0 && System.nanoTime() < deadline) {
            assertThat(spoolBytes()).isLessThanOrEqualTo(limit);
            Thread.sleep(200);
        }
        assertThat(agent.client().stats().droppedSpoolFull()).isPositive();
        assertThat(spoolBytes()).isLessThanOrEqualTo(limit);
    }

    private long spoolBytes() throws Exception {
        Path spool = home.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static JsonNode heartbeats(ServerQueries q) throws Exception {
        // one bucket per second over the last ten minutes; count = heartbeats stored
        return q.range("sentry_agent_heartbeat", "{\"run\":\"away\"}", 600, 1, "sum");
    }

    private static long count(JsonNode answer) {
        long n = 0;
        for (JsonNode line : answer) {
            for (JsonNode dp : line.get("dps")) {
                n += (long) dp.get("v").asDouble();
            }
        }
        return n;
    }
}
