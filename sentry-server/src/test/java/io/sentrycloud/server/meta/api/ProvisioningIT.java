package io.sentrycloud.server.meta.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in dashboards on first start, provisioning files at every start, export and import. */
class ProvisioningIT {

    static final String ADMIN_PASSWORD = "admin-secret-1";

    @TempDir
    Path dir;

    SentryServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    MetaClient start(String dataName) {
        if (server != null) {
            server.close();
        }
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + dir.resolve(dataName), "--self_monitor.enabled=false",
                "--auth.admin_password=" + ADMIN_PASSWORD, "--meta.provisioning_dir=" + dir.resolve("provisioning")));
        MetaClient c = new MetaClient(server.port());
        assertThat(c.login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
        return c;
    }

    static JsonNode dashboardNamed(MetaClient c, String name) {
        for (JsonNode d : c.get("/api/v1/dashboards?limit=1000").data().get("items")) {
            if (d.get("name").asText().equals(name)) {
                return c.get("/api/v1/dashboards/" + d.get("id").asLong()).data();
            }
        }
        return null;
    }

    static List<String> metrics(JsonNode dashboard) {
        List<String> out = new ArrayList<>();
        dashboard.get("charts").forEach(ch -> ch.get("lines").forEach(l -> out.add(l.get("metric").asText())));
        return out;
    }

    @Test
    void theOriginalsBuiltInDashboardsExistOnFirstStartAndCanBeEditedAndDeleted() {
        MetaClient c = start("data");
        JsonNode server = dashboardNamed(c, "sentry_server monitor");
        assertThat(server).isNotNull();
        assertThat(server.get("charts")).hasSize(8);
        assertThat(metrics(server)).contains("sentry_server_http_qps", "sentry_server_http_rt",
                "sentry_server_threads", "sentry_server_gc_count", "sentry_server_gc_pause", "sentry_server_heap_used",
                "sentry_server_data_point", "sentry_server_agent_count");
        JsonNode qps = server.get("charts").get(0);
        assertThat(qps.get("aggregation").asText()).isEqualTo("sum");
        assertThat(qps.get("down_sample").asText()).isEqualTo("10s");
        assertThat(qps.get("lines").get(0).get("tags").get("api").asText()).isEqualTo("*");

        JsonNode machine = dashboardNamed(c, "machine monitor");
        assertThat(machine.get("charts")).hasSize(11);
        assertThat(machine.get("tag_filter").get("tags").get(0).asText()).isEqualTo("sentryIP");
        assertThat(metrics(machine)).allMatch(m -> m.startsWith("sentry_sys_")).contains("sentry_sys_cpu_usage",
                "sentry_sys_disk_usage", "sentry_sys_tcp_status", "sentry_sys_net_packets_recv");

        ObjectNode edited = ((ObjectNode) server).put("name", "my server");
        assertThat(c.put("/api/v1/dashboards/" + server.get("id").asLong(), edited.toString()).status())
                .isEqualTo(200);
        assertThat(c.delete("/api/v1/dashboards/" + machine.get("id").asLong()).status()).isEqualTo(200);

        c = start("data"); // a restart brings back neither
        assertThat(dashboardNamed(c, "machine monitor")).isNull();
        assertThat(dashboardNamed(c, "sentry_server monitor")).isNull();
        assertThat(dashboardNamed(c, "my server").get("charts")).hasSize(8);
    }

    @Test
    void provisioningFilesAreAppliedAtEveryStart() throws IOException {
        Path prov = Files.createDirectories(dir.resolve("provisioning"));
        Files.writeString(prov.resolve("team.yaml"), """
                contacts:
                  - name: eric
                    mail: eric@example.com
                contact_groups:
                  - name: ops
                    contacts: [eric]
                dashboards:
                  - name: team board
                    charts:
                      - name: cpu
                        aggregation: max
                        lines:
                          - metric: sentry_sys_cpu_usage
                            tags: {sentryIP: "*"}
                alarm_rules:
                  - name: memory threshold alarm
                    type: 1
                    contacts: ops
                    data_source: {metric: sentry_sys_mem_usage, tags: {ip: "*"}, aggregation: max, down_sample: 10}
                    trigger: {greater_than: 12.0, error_count: 2}
                """);
        MetaClient c = start("data");
        JsonNode board = dashboardNamed(c, "team board");
        assertThat(board.get("charts").get(0).get("lines").get(0).get("metric").asText())
                .isEqualTo("sentry_sys_cpu_usage");
        JsonNode rule = c.get("/api/v1/alarm-rules?name=memory").data().get("items").get(0);
        assertThat(rule.get("trigger").get("greater_than").asDouble()).isEqualTo(12.0);
        JsonNode group = c.get("/api/v1/contact-groups").data().get("items").get(0);
        assertThat(group.get("contact_ids")).hasSize(1);

        Files.writeString(prov.resolve("team.yaml"), Files.readString(prov.resolve("team.yaml"))
                .replace("greater_than: 12.0", "greater_than: 90.0"));
        c = start("data");
        JsonNode rules = c.get("/api/v1/alarm-rules?name=memory").data();
        assertThat(rules.get("total").asLong()).isEqualTo(1);
        assertThat(rules.get("items").get(0).get("trigger").get("greater_than").asDouble()).isEqualTo(90.0);
        assertThat(rules.get("items").get(0).get("version").asLong()).isEqualTo(2);
        assertThat(c.get("/api/v1/dashboards?name=team").data().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aBadProvisioningFileStopsTheStartNamingFileAndField() throws IOException {
        Path prov = Files.createDirectories(dir.resolve("provisioning"));
        Files.writeString(prov.resolve("bad.yml"), "dashboards:\n  - name: x\n    charts:\n      - name: c\n"
                + "        lines: [{metric: m, offset: -5}]\n");
        assertThatThrownBy(() -> start("data"))
                .hasMessageContaining("bad.yml").hasMessageContaining("dashboards[0].charts[0].lines[0].offset");
    }

    @Test
    void anExportImportsIntoAnotherServerUnchanged() {
        MetaClient a = start("a");
        assertThat(a.post("/api/v1/contacts", "{\"name\": \"eric\", \"phone\": \"123\"}").status()).isEqualTo(201);
        long eric = a.get("/api/v1/contacts").data().get("items").get(0).get("id").asLong();
        assertThat(a.post("/api/v1/contact-groups", "{\"name\": \"ops\", \"contact_ids\": [" + eric + "]}").status())
                .isEqualTo(201);
        assertThat(a.post("/api/v1/alarm-rules", """
                {"name": "hb", "type": 0, "contacts": "ops", "data_source": {"metric": "m", "tags": {"ip": "1"}},
                 "trigger": {"error_count": 1}, "for_seconds": 30}""").status()).isEqualTo(201);
        JsonNode exported = a.get("/api/v1/export").data();
        assertThat(exported.get("dashboards")).hasSize(2);

        MetaClient b = start("b");
        for (JsonNode d : b.get("/api/v1/dashboards").data().get("items")) {
            b.delete("/api/v1/dashboards/" + d.get("id").asLong());
        }
        MetaClient.Answer imported = b.post("/api/v1/import", exported.toString());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.data().get("created").asInt()).isEqualTo(5); // 1 contact, 1 group, 2 dashboards, 1 rule
        JsonNode again = b.get("/api/v1/export").data();
        ((ObjectNode) again).remove("exported");
        ((ObjectNode) exported).remove("exported");
        assertThat(again).isEqualTo(exported);

        MetaClient.Answer twice = b.post("/api/v1/import", exported.toString());
        assertThat(twice.data().get("updated").asInt()).isEqualTo(5);
        assertThat(b.get("/api/v1/dashboards").data().get("total").asLong()).isEqualTo(2);
    }

    @Test
    void aBadImportChangesNothing() {
        MetaClient c = start("data");
        long before = c.get("/api/v1/audit").data().get("total").asLong();
        MetaClient.Answer bad = c.post("/api/v1/import", """
                {"contacts": [{"name": "new one"}],
                 "alarm_rules": [{"name": "r", "type": 1, "data_source": {}, "trigger": "nope"}]}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("alarm_rules[0].trigger");
        MetaClient.Answer missing = c.post("/api/v1/import", """
                {"contacts": [{"name": "new one"}], "contact_groups": [{"name": "g", "contacts": ["ghost"]}]}""");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.field()).isEqualTo("contact_groups[0].contacts");
        assertThat(c.get("/api/v1/contacts").data().get("total").asLong()).isZero();
        assertThat(c.get("/api/v1/audit").data().get("total").asLong()).isEqualTo(before);
    }
}
