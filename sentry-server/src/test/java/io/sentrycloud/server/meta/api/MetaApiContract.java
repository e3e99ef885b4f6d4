package io.sentrycloud.server.meta.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata REST API on a real server (random port) and a real database: CRUD, paging, validation (400
 * naming the field), optimistic concurrency (409), missing ids (404), duplicate names, hostile strings.
 * Subclasses pick the database.
 */
abstract class MetaApiContract {

    static final String ADMIN_PASSWORD = "admin-secret-1";

    @TempDir
    Path data;

    SentryServer server;
    MetaClient admin;

    /** {@code --meta.*} flags of a new, empty database. */
    abstract List<String> metaFlags();

    @BeforeEach
    void start() {
        List<String> flags = new ArrayList<>(List.of("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false",
                "--auth.admin_password=" + ADMIN_PASSWORD));
        flags.addAll(metaFlags());
        server = SentryServer.start(ServerConfig.defaults(flags.toArray(String[]::new)));
        admin = new MetaClient(server.port());
        assertThat(admin.login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String chartJson(long dashboardId, String name) {
        return """
                {"dashboard_id": %d, "name": "%s", "type": "line", "aggregation": "sum", "down_sample": "10s",
                 "position": {"x": 0, "y": 0, "w": 6, "h": 4},
                 "lines": [{"name": "qps", "metric": "sentry_server_http_qps", "tags": {"api": "*"}}]}"""
                .formatted(dashboardId, name);
    }

    long createDashboard(String name) {
        MetaClient.Answer a = admin.post("/api/v1/dashboards", "{\"name\": \"" + name + "\"}");
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        return a.data().get("id").asLong();
    }

    @Test
    void dashboardWithChartsRoundTrips() {
        MetaClient.Answer created = admin.post("/api/v1/dashboards", """
                {"name": "hosts", "tag_filter": {"metric": "sentry_sys_cpu_usage", "tags": ["sentryIP"]},
                 "charts": [{"name": "cpu", "type": "line", "aggregation": "max", "down_sample": "1m",
                             "position": {"x": 6, "y": 0, "w": 6, "h": 3}, "options": {"unit": "%"},
                             "lines": [{"name": "cpu", "metric": "sentry_sys_cpu_usage", "tags": {"sentryIP": "*"},
                                        "offset": 86400}]}]}""");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.data().get("id").asLong();
        assertThat(created.data().get("version").asLong()).isEqualTo(1);

        JsonNode d = admin.get("/api/v1/dashboards/" + id).data();
        assertThat(d.get("name").asText()).isEqualTo("hosts");
        assertThat(d.get("tag_filter").get("tags").get(0).asText()).isEqualTo("sentryIP");
        JsonNode chart = d.get("charts").get(0);
        assertThat(chart.get("dashboard_id").asLong()).isEqualTo(id);
        assertThat(chart.get("down_sample").asText()).isEqualTo("1m");
        assertThat(chart.get("position").get("x").asInt()).isEqualTo(6);
        assertThat(chart.get("options").get("unit").asText()).isEqualTo("%");
        JsonNode line = chart.get("lines").get(0);
        assertThat(line.get("tags").get("sentryIP").asText()).isEqualTo("*");
        assertThat(line.get("offset").asInt()).isEqualTo(86400);

        MetaClient.Answer charts = admin.get("/api/v1/charts?dashboard_id=" + id);
        assertThat(charts.data().get("total").asLong()).isEqualTo(1);

        assertThat(admin.delete("/api/v1/dashboards/" + id).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/dashboards/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/charts/" + chart.get("id").asLong()).status()).isEqualTo(404);
    }

    @Test
    void listsArePagedWithTheTotal() {
        long before = admin.get("/api/v1/dashboards").data().get("total").asLong();
        for (int i = 0; i < 7; i++) {
            createDashboard("page-" + i);
        }
        MetaClient.Answer page = admin.get("/api/v1/dashboards?name=page-&limit=3&offset=3");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.data().get("total").asLong()).isEqualTo(7);
        assertThat(page.data().get("limit").asInt()).isEqualTo(3);
        assertThat(page.data().get("offset").asInt()).isEqualTo(3);
        List<String> names = new ArrayList<>();
        page.data().get("items").forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).containsExactly("page-3", "page-4", "page-5");
        assertThat(admin.get("/api/v1/dashboards?limit=100").data().get("total").asLong()).isEqualTo(before + 7);

        MetaClient.Answer bad = admin.get("/api/v1/dashboards?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("limit");
        assertThat(admin.get("/api/v1/dashboards?offset=-1").field()).isEqualTo("offset");
        assertThat(admin.get("/api/v1/dashboards?limit=5000").status()).isEqualTo(400);
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        MetaClient.Answer a = admin.post("/api/v1/dashboards", "{}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.code()).isEqualTo(4);
        assertThat(a.field()).isEqualTo("name");
        assertThat(a.msg()).startsWith("name:");

        assertThat(admin.post("/api/v1/dashboards", "{\"name\": 5}").field()).isEqualTo("name");
        assertThat(admin.post("/api/v1/dashboards", "{\"name\": \"x\", \"nmae\": 1}").field()).isEqualTo("nmae");
        MetaClient.Answer notJson = admin.post("/api/v1/dashboards", "{\"name\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo(3);
        assertThat(admin.post("/api/v1/dashboards", "[1]").code()).isEqualTo(3);
        assertThat(admin.post("/api/v1/dashboards", "").status()).isEqualTo(400);

        long d = createDashboard("charts");
        assertThat(admin.post("/api/v1/charts", chartJson(d, "c").replace("\"sum\"", "\"median\"")).field())
                .isEqualTo("aggregation");
        assertThat(admin.post("/api/v1/charts", chartJson(d, "c").replace("\"10s\"", "\"often\"")).field())
                .isEqualTo("down_sample");
        assertThat(admin.post("/api/v1/charts", chartJson(d, "c").replace("\"w\": 6", "\"w\": 13")).field())
                .isEqualTo("position.w");
        assertThat(admin.post("/api/v1/charts", chartJson(d, "c").replace("sentry_server_http_qps", "9bad")).field())
                .isEqualTo("lines[0].metric");
        assertThat(admin.post("/api/v1/charts", chartJson(d, "c").replace("{\"api\": \"*\"}", "{\"api\": 1}"))
                .field()).isEqualTo("lines[0].tags.api");
        MetaClient.Answer missingDashboard = admin.post("/api/v1/charts", chartJson(999_999, "c"));
        assertThat(missingDashboard.status()).isEqualTo(400);
        assertThat(missingDashboard.field()).isEqualTo("dashboard_id");

        String rule = """
                {"name": "r", "type": 1, "data_source": {"metric": "m", "tags": {}}, "trigger": %s}""";
        assertThat(admin.post("/api/v1/alarm-rules", rule.formatted("[1]")).field()).isEqualTo("trigger");
        assertThat(admin.post("/api/v1/alarm-rules", rule.formatted("\"{not json\"")).field()).isEqualTo("trigger");
        assertThat(admin.post("/api/v1/alarm-rules", rule.formatted("{}").replace("\"type\": 1", "\"type\": 7"))
                .field()).isEqualTo("type");
        assertThat(admin.post("/api/v1/contacts", "{\"name\": \"c\", \"mail\": \"nope\"}").field()).isEqualTo("mail");
        assertThat(admin.post("/api/v1/contacts", "{\"name\": \"c\", \"webhook_url\": \"ftp://x\"}").field())
                .isEqualTo("webhook_url");
        assertThat(admin.post("/api/v1/silences", "{\"starts\": 10, \"ends\": 5}").field()).isEqualTo("ends");
        assertThat(admin.post("/api/v1/users", "{\"username\": \"u\", \"password\": \"short\"}").field())
                .isEqualTo("password");
        assertThat(admin.get("/api/v1/dashboards/abc").field()).isEqualTo("id");
    }

    @Test
    void aStaleUpdateIsAConflict() {
        long id = createDashboard("shared");
        MetaClient.Answer first = admin.put("/api/v1/dashboards/" + id, "{\"name\": \"mine\", \"version\": 1}");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.data().get("version").asLong()).isEqualTo(2);

        MetaClient.Answer second = admin.put("/api/v1/dashboards/" + id, "{\"name\": \"theirs\", \"version\": 1}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo(19);
        assertThat(second.data().get("current_version").asLong()).isEqualTo(2);
        assertThat(admin.get("/api/v1/dashboards/" + id).data().get("name").asText()).isEqualTo("mine");

        assertThat(admin.put("/api/v1/dashboards/" + id, "{\"name\": \"x\"}").field()).isEqualTo("version");
        assertThat(admin.put("/api/v1/dashboards/999999", "{\"name\": \"x\", \"version\": 1}").status())
                .isEqualTo(404);

        // a GET-modify-PUT round trip of the whole representation works
        JsonNode current = admin.get("/api/v1/dashboards/" + id).data();
        String body = current.toString().replace("\"mine\"", "\"again\"");
        assertThat(admin.put("/api/v1/dashboards/" + id, body).status()).isEqualTo(200);
    }

    @Test
    void everyEntityHasCrudWithVersions() {
        long d = createDashboard("crud");
        List<String[]> cases = List.of(
                new String[]{"/api/v1/charts", chartJson(d, "c1"), "name", "c2"},
                new String[]{"/api/v1/alarm-rules", """
                        {"name": "mem", "type": 1, "query_range": 60, "contacts": "ops", "level": 1,
                         "message": "{time} memory usage reach {value}",
                         "data_source": "{\\"metric\\": \\"sentry_sys_mem_usage\\", \\"tags\\": {\\"ip\\": \\"*\\"}}",
                         "trigger": {"greater_than": 12.0, "error_count": 2}}""", "name", "mem2"},
                new String[]{"/api/v1/contacts", "{\"name\": \"eric\", \"mail\": \"eric@example.com\"}", "name",
                        "eric2"},
                new String[]{"/api/v1/contact-groups", "{\"name\": \"ops\"}", "name", "ops2"},
                new String[]{"/api/v1/silences", "{\"ends\": 4102444800000, \"matchers\": {\"ip\": \"10.0.0.1\"}}",
                        "comment", "maintenance"});
        for (String[] c : cases) {
            MetaClient.Answer created = admin.post(c[0], c[1]);
            assertThat(created.status()).as(c[0] + " " + created).isEqualTo(201);
            long id = created.data().get("id").asLong();
            JsonNode got = admin.get(c[0] + "/" + id).data();
            assertThat(got.get("version").asLong()).isEqualTo(1);
            String updated = ((com.fasterxml.jackson.databind.node.ObjectNode) got).put(c[2], c[3]).toString();
            MetaClient.Answer u = admin.put(c[0] + "/" + id, updated);
            assertThat(u.status()).as(c[0] + " " + u).isEqualTo(200);
            assertThat(u.data().get(c[2]).asText()).isEqualTo(c[3]);
            assertThat(admin.put(c[0] + "/" + id, updated).status()).as(c[0]).isEqualTo(409);
            assertThat(admin.get(c[0]).data().get("total").asLong()).as(c[0]).isEqualTo(1);
            assertThat(admin.delete(c[0] + "/" + id).status()).as(c[0]).isEqualTo(200);
            assertThat(admin.delete(c[0] + "/" + id).status()).as(c[0]).isEqualTo(404);
        }
        JsonNode rule = admin.post("/api/v1/alarm-rules", """
                {"name": "hb", "type": 0, "data_source": {"metric": "m"}, "trigger": {"error_count": 1}}""").data();
        assertThat(rule.get("data_source").get("metric").asText()).isEqualTo("m");
        assertThat(rule.get("enabled").asBoolean()).isTrue();
        assertThat(rule.get("severity").asText()).isEqualTo("warning");
    }

    @Test
    void duplicateNamesAreConflicts() {
        createDashboard("unique");
        MetaClient.Answer again = admin.post("/api/v1/dashboards", "{\"name\": \"unique\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.field()).isEqualTo("name");
        assertThat(admin.post("/api/v1/contacts", "{\"name\": \"c\"}").status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/contacts", "{\"name\": \"c\"}").status()).isEqualTo(409);
    }

    @Test
    void hostileStringsAreDataNotSql() {
        List<String> hostile = List.of("'; DROP TABLE dashboard; --", "\" OR \"1\"=\"1", "x` ; DELETE FROM `app_user",
                "%", "_", "\\\\", "名前 🚀");
        for (String s : hostile) {
            MetaClient.Answer a = admin.post("/api/v1/dashboards", MetaClient.JSON.createObjectNode()
                    .put("name", s).put("creator", s).put("app_name", s).put("saved_status", s).toString());
            assertThat(a.status()).as(s + " " + a).isEqualTo(201);
            assertThat(a.data().get("creator").asText()).isEqualTo(s);
            MetaClient.Answer c = admin.post("/api/v1/contacts", MetaClient.JSON.createObjectNode()
                    .put("name", s).put("phone", s).put("wechat", s).toString());
            assertThat(c.status()).as(s + " " + c).isEqualTo(201);
        }
        for (String s : hostile) {
            MetaClient.Answer found = admin.get("/api/v1/dashboards?name="
                    + java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(found.status()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            found.data().get("items").forEach(n -> names.add(n.get("name").asText()));
            assertThat(names).as(s).isNotEmpty().allMatch(n -> n.toLowerCase().contains(s.toLowerCase()));
        }
        // "%" and "_" match literally, not as wildcards
        assertThat(admin.get("/api/v1/dashboards?name=%25").data().get("total").asLong())
                .isEqualTo(hostile.stream().filter(h -> h.contains("%")).count());
        assertThat(admin.get("/api/v1/dashboards?name=_").data().get("total").asLong())
                .isEqualTo(hostile.stream().filter(h -> h.contains("_")).count());
        assertThat(admin.get("/api/v1/dashboards?limit=1000").data().get("total").asLong())
                .isGreaterThanOrEqualTo(hostile.size());
        assertThat(admin.get("/api/v1/users").data().get("total").asLong()).isEqualTo(1);
        assertThat(admin.get("/api/v1/charts?dashboard_id=1%20OR%201=1").field()).isEqualTo("dashboard_id");
    }
}
