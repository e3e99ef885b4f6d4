package io.sentrycloud.agent.collect.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.agent.collect.Round;
import io.sentrycloud.sdk.MetricPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Redis and MariaDB collectors against real servers from Debian, started on 127.0.0.1 and random ports. */
class ServiceCollectorsIT {

    @TempDir
    Path dir;

    @Test
    void redisInfoKeyspaceRatesAndPassword() throws Exception {
        int port = freePort();
        Process redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--requirepass", "s3cret")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        try {
            awaitPort(port, redis);
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write(("AUTH s3cret\r\nSET a 1\r\nSET b 2\r\nEXPIRE b 600\r\nQUIT\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.getInputStream().readAllBytes();
            }
            RedisCollector collector = new RedisCollector(URI.create("redis://:s3cret@127.0.0.1:" + port), 3000);
            Map<String, MetricPoint> first = byName(collect(collector));
            Thread.sleep(200);
            Map<String, MetricPoint> second = byName(collect(collector));
            assertThat(first.get("sentry_redis_up").value()).isEqualTo(1);
            assertThat(first.get("sentry_redis_up").tags()).containsEntry("server", "127.0.0.1:" + port);
            assertThat(first.get("sentry_redis_connected_clients").value()).isGreaterThanOrEqualTo(1);
            assertThat(first.get("sentry_redis_used_memory").value()).isPositive();
            assertThat(first.get("sentry_redis_keyspace_keys").value()).isEqualTo(2);
            assertThat(first.get("sentry_redis_keyspace_keys").tags()).containsEntry("db", "db0");
            assertThat(first.get("sentry_redis_keyspace_expires").value()).isEqualTo(1);
            // rates need two readings
            assertThat(first).doesNotContainKey("sentry_redis_total_commands_processed_per_second");
            assertThat(second.get("sentry_redis_total_commands_processed_per_second").value()).isPositive();

            RedisCollector wrongPassword = new RedisCollector(URI.create("redis://:nope@127.0.0.1:" + port), 3000);
            Round r = new Round(1, Map.of());
            assertThatThrownBy(() -> wrongPassword.collect(r)).hasMessageContaining("AUTH refused");
            assertThat(r.points()).singleElement().satisfies(p -> {
                assertThat(p.metric()).isEqualTo("sentry_redis_up");
                assertThat(p.value()).isZero();
            });
        } finally {
            stop(redis);
        }
        // the server is gone: up is 0 and the collector says why
        RedisCollector gone = new RedisCollector(URI.create("redis://127.0.0.1:" + port), 1000);
        Round r = new Round(1, Map.of());
        assertThatThrownBy(() -> gone.collect(r)).isInstanceOf(IOException.class);
        assertThat(r.points()).extracting(MetricPoint::value).containsExactly(0.0);
    }

    @Test
    void mariadbGlobalStatusCountersPerSecondAndUp() throws Exception {
        Path data = dir.resolve("data");
        String user = System.getProperty("user.name");
        Process install = new ProcessBuilder(binary("mariadb-install-db"), "--no-defaults",
                "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + data, "--user=" + user)
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        assertThat(install.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(install.exitValue()).as(Files.readString(dir.resolve("install.log"))).isZero();
        int port = freePort();
        Process db = new ProcessBuilder(binary("mariadbd"), "--no-defaults", "--datadir=" + data,
                "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--user=" + user, "--skip-grant-tables", "--skip-log-bin",
                "--skip-performance-schema", "--innodb-buffer-pool-size=32M",
                "--log-error=" + dir.resolve("error.log")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            awaitPort(port, db);
            MysqlCollector collector = new MysqlCollector(URI.create("mysql://root:@127.0.0.1:" + port), 5000);
            Map<String, MetricPoint> first = byName(collectWithRetry(collector));
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                 Statement s = c.createStatement()) {
                for (int i = 0; i < 20; i++) {
                    s.executeQuery("SELECT " + i).close();
                }
            }
            Thread.sleep(200);
            Map<String, MetricPoint> second = byName(collect(collector));
            assertThat(first.get("sentry_mysql_up").value()).isEqualTo(1);
            assertThat(first.get("sentry_mysql_up").tags()).containsEntry("server", "127.0.0.1:" + port);
            assertThat(first.get("sentry_mysql_threads_connected").value()).isGreaterThanOrEqualTo(1);
            assertThat(first.get("sentry_mysql_max_connections").value()).isPositive();
            assertThat(second.get("sentry_mysql_com_select").value() - first.get("sentry_mysql_com_select").value())
                    .isGreaterThanOrEqualTo(20);
            assertThat(second.get("sentry_mysql_com_select_per_second").value()).isPositive();
            assertThat(second.get("sentry_mysql_questions_per_second").value()).isPositive();
            // a primary has no replication lag to report
            assertThat(second).doesNotContainKey("sentry_mysql_replication_lag_seconds");
            collector.close();
        } finally {
            stop(db);
        }
        MysqlCollector gone = new MysqlCollector(URI.create("mysql://root:@127.0.0.1:" + port), 1000);
        Round r = new Round(1, Map.of());
        assertThatThrownBy(() -> gone.collect(r)).isInstanceOf(java.sql.SQLException.class);
        assertThat(r.points()).extracting(MetricPoint::value).containsExactly(0.0);
    }

    private static List<MetricPoint> collect(io.sentrycloud.agent.collect.Collector c) throws Exception {
        Round r = new Round(1, Map.of());
        c.collect(r);
        return r.points();
    }

    /** mariadbd accepts TCP a moment before it accepts logins. */
    private static List<MetricPoint> collectWithRetry(MysqlCollector c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return collect(c);
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Map<String, MetricPoint> byName(List<MetricPoint> points) {
        return points.stream().collect(Collectors.toMap(MetricPoint::metric, p -> p, (a, b) -> a));
    }

    private static void awaitPort(int port, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("server process exited").isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Debian puts mariadbd in /usr/sbin, which a non-root PATH may lack. */
    private static String binary(String name) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        return name;
    }
}
