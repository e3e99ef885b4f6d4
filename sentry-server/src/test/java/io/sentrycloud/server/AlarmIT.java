package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.sentrycloud.server.config.MetaConfig;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.meta.store.MetaStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarm engine in a real server: a contact and a threshold rule in the metadata database, points posted
 * through putMetrics, the firing mail arriving at a real SMTP server (GreenMail), then the resolve mail once the
 * values are back within the bounds; the alerts and deliveries endpoints tell the same story.
 */
class AlarmIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withPerMethodLifecycle(true);

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false",
                "--alarm.smtp_host=127.0.0.1", "--alarm.smtp_port=" + mail.getSmtp().getPort(),
                "--alarm.smtp_from=sentry@example.org", "--alarm.public_url=http://sentry.example.org",
                "--alarm.time_zone=UTC"));
        client = new ServerClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ruleFiresAMailAndResolvesWithASecond() throws Exception {
        // the metadata database of the running server, opened beside it (SQLite in WAL mode)
        try (MetaStore meta = MetaStore.open(new MetaConfig("sqlite", "", "", "", "", 2, ""), data)) {
            long now = System.currentTimeMillis();
            meta.db().insert("INSERT INTO `alarm_contact` (`created`, `updated`, `name`, `mail`) VALUES (?, ?, ?, ?)",
                    now, now, "eric", "eric@example.org");
            meta.db().insert("INSERT INTO `alarm_rule` (`created`, `updated`, `name`, `type`, `query_range`,"
                            + " `contacts`, `level`, `message`, `data_source`, `trigger`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    now, now, "memory threshold alarm", 1, 5, "eric", 2, "{tag.ip} memory usage reach {value}",
                    "{\"metric\": \"sentry_sys_mem_usage\", \"tags\":{\"ip\":\"*\"}, \"aggregation\": \"max\","
                            + " \"down_sample\": 1}", "{\"greater_than\": 90.0, \"error_count\": 1}");
        }
        // 95.5 until t+10, then 30: the window (5 s ending 10 s ago) sees the breach, then only the recovery
        long t = System.currentTimeMillis() / 1000;
        StringJoiner points = new StringJoiner(",", "[", "]");
        for (long s = t - 60; s <= t + 120; s++) {
            points.add("{\"metric\":\"sentry_sys_mem_usage\",\"tags\":{\"ip\":\"10.0.0.3\"},\"timestamp\":" + s
                    + ",\"value\":" + (s <= t + 10 ? 95.5 : 30) + "}");
        }
        assertThat(client.post("/server/api/putMetrics", points.toString()).status()).isEqualTo(200);

        await(() -> mail.getReceivedMessages().length >= 1, Duration.ofSeconds(60));
        MimeMessage firing = mail.getReceivedMessages()[0];
        assertThat(firing.getSubject()).isEqualTo("[sentry] CRITICAL · memory threshold alarm · FIRING 1");
        assertThat(firing.getAllRecipients()[0].toString()).isEqualTo("eric@example.org");
        assertThat(firing.getContent().toString()).contains("[firing] 10.0.0.3 memory usage reach 95.5")
                .contains("chart: http://sentry.example.org/#/explore?metric=sentry_sys_mem_usage");
        ServerClient.Answer alerts = client.get("/api/v1/alerts");
        assertThat(alerts.status()).isEqualTo(200);
        assertThat(alerts.data()).hasSize(1);
        assertThat(alerts.data().get(0).get("state").asText()).isEqualTo("firing");
        assertThat(alerts.data().get(0).get("rule").asText()).isEqualTo("memory threshold alarm");
        assertThat(alerts.data().get(0).at("/tags/ip").asText()).isEqualTo("10.0.0.3");

        await(() -> mail.getReceivedMessages().length >= 2, Duration.ofSeconds(90));
        MimeMessage resolved = mail.getReceivedMessages()[1];
        assertThat(resolved.getSubject()).isEqualTo("[sentry] CRITICAL · memory threshold alarm · RESOLVED 1");
        assertThat(resolved.getContent().toString()).contains("[resolved] 10.0.0.3 memory usage reach 30");
        assertThat(client.get("/api/v1/alerts").data()).isEmpty();
        ServerClient.Answer deliveries = client.get("/api/v1/alerts/deliveries");
        assertThat(deliveries.data()).hasSize(2);
        deliveries.data().forEach(d -> {
            assertThat(d.get("status").asText()).isEqualTo("sent");
            assertThat(d.get("channel").asText()).isEqualTo("mail");
            assertThat(d.get("to").asText()).isEqualTo("eric@example.org");
        });
        assertThat(mail.getReceivedMessages()).hasSize(2); // nothing repeated
    }

    @Test
    void previewDryRunAndStatusAndBadInput() {
        long t = System.currentTimeMillis() / 1000;
        StringJoiner points = new StringJoiner(",", "[", "]");
        for (long s = t - 120; s <= t; s += 10) {
            points.add("{\"metric\":\"disk\",\"tags\":{\"host\":\"a\"},\"timestamp\":" + s + ",\"value\":97}");
            points.add("{\"metric\":\"disk\",\"tags\":{\"host\":\"b\"},\"timestamp\":" + s + ",\"value\":20}");
        }
        assertThat(client.post("/server/api/putMetrics", points.toString()).status()).isEqualTo(200);
        ServerClient.Answer p = client.post("/api/v1/alarm/preview", """
                {"type": 2, "query_range": 60,
                 "data_source": {"metric": "disk", "tags": {"host": "*"}, "aggregation": "max", "down_sample": 10,
                                 "sort": "desc", "limit": 5},
                 "trigger": {"greater_than": 90}}""");
        assertThat(p.status()).isEqualTo(200);
        assertThat(p.data().get("series")).hasSize(2);
        assertThat(p.data().at("/series/0/tags/host").asText()).isEqualTo("a");
        assertThat(p.data().at("/series/0/outcome").asText()).isEqualTo("would fire");
        assertThat(p.data().at("/series/1/outcome").asText()).isEqualTo("ok");
        assertThat(client.get("/api/v1/alerts/deliveries").data()).isEmpty(); // nothing stored or sent

        ServerClient.Answer bad = client.post("/api/v1/alarm/preview", """
                {"type": 2, "query_range": 60, "data_source": {"metric": "disk", "tags": {"host": "a"},
                 "aggregation": "max", "down_sample": 10}, "trigger": {}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.msg()).contains("exactly one tag whose value is '*'");
        assertThat(client.post("/api/v1/alerts/forget", "{\"rule_id\": 99, \"tags\": {\"host\": \"a\"}}").status())
                .isEqualTo(404);
        assertThat(client.get("/api/v1/alarm/status").status()).isEqualTo(200);
    }

    private static void await(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }
}
