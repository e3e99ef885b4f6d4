package io.sentrycloud.server.meta.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original's metadata endpoints in its shapes: GET list, PUT add, POST update with the id in the body,
 * DELETE with {"id"}; JSON documents as strings; {@code chart_layout} on the dashboard.
 */
class OriginalApiIT {

    @TempDir
    Path data;

    SentryServer server;
    MetaClient c;

    @BeforeEach
    void start() {
        // as the original: no login (auth off), so an unmodified original dashboard app can write
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--auth.enabled=false"));
        c = new MetaClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dashboardsChartsAndLayout() throws Exception {
        MetaClient.Answer list = c.get("/server/api/dashboard");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.code()).isZero();
        assertThat(list.msg()).isEqualTo("ok");
        JsonNode builtIn = list.data().get(0);
        assertThat(builtIn.get("name").asText()).isEqualTo("sentry_server monitor");
        assertThat(builtIn.get("is_deleted").asInt()).isZero();
        assertThat(builtIn.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(builtIn.get("tag_filter").asText()).contains("\"sentryIP\"");
        JsonNode layout = MetaClient.JSON.readTree(builtIn.get("chart_layout").asText());
        assertThat(layout).hasSize(8);
        assertThat(layout.get(0).get("i").asText()).matches("\\d+");

        MetaClient.Answer added = c.put("/server/api/dashboard", """
                {"name": "app", "creator": "eric", "app_name": "shop", "chart_layout": "",
                 "tag_filter": "{\\"metric\\":\\"m\\",\\"tags\\":[\\"host\\"]}", "saved_status": ""}""");
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        long dashboard = added.data().get("id").asLong();
        assertThat(added.data().get("tag_filter").asText()).isEqualTo("{\"metric\":\"m\",\"tags\":[\"host\"]}");

        MetaClient.Answer chart = c.put("/server/api/chart", """
                {"dashboard_id": %d, "name": "orders", "type": "line", "aggregation": "sum", "down_sample": "1m",
                 "topn_limit": 10, "lines": [{"name": "orders", "metric": "shop_orders", "tags": "{\\"host\\":\\"*\\"}",
                 "offset": 0}, {"name": "yesterday", "metric": "shop_orders", "tags": "{}", "offset": 86400}]}"""
                .formatted(dashboard));
        assertThat(chart.status()).as(chart.toString()).isEqualTo(200);
        long chartId = chart.data().get("id").asLong();

        JsonNode got = c.get("/server/api/chart?id=" + chartId).data();
        assertThat(got.get("dashboard_id").asLong()).isEqualTo(dashboard);
        assertThat(got.get("lines")).hasSize(2);
        assertThat(got.get("lines").get(0).get("tags").asText()).isEqualTo("{\"host\":\"*\"}");
        assertThat(got.get("lines").get(1).get("offset").asInt()).isEqualTo(86400);

        JsonNode charts = c.post("/server/api/chartList", "{\"dashboard_id\": " + dashboard + "}").data();
        assertThat(charts).hasSize(1);
        assertThat(charts.get(0).get("name").asText()).isEqualTo("orders");

        // the original's frontend moves charts by posting the dashboard with its new chart_layout
        MetaClient.Answer moved = c.post("/server/api/dashboard", """
                {"id": %d, "name": "app", "creator": "eric", "app_name": "shop",
                 "chart_layout": "[{\\"i\\":\\"%d\\",\\"x\\":4,\\"y\\":2,\\"w\\":8,\\"h\\":5}]",
                 "tag_filter": "", "saved_status": "{}"}""".formatted(dashboard, chartId));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        JsonNode place = MetaClient.JSON.readTree(moved.data().get("chart_layout").asText()).get(0);
        assertThat(place.get("x").asInt()).isEqualTo(4);
        assertThat(place.get("w").asInt()).isEqualTo(8);

        MetaClient.Answer update = c.post("/server/api/chart", """
                {"id": %d, "dashboard_id": %d, "name": "orders/s", "type": "line", "aggregation": "avg",
                 "down_sample": "10s", "lines": [{"name": "o", "metric": "shop_orders", "tags": "{}"}]}"""
                .formatted(chartId, dashboard));
        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        JsonNode after = c.get("/server/api/chart?id=" + chartId).data();
        assertThat(after.get("name").asText()).isEqualTo("orders/s");
        assertThat(after.get("lines")).hasSize(1);
        assertThat(c.get("/api/v1/charts/" + chartId).data().get("position").get("x").asInt())
                .as("an update without a position keeps the layout's").isEqualTo(4);

        assertThat(c.delete("/server/api/chart", "{\"id\": " + chartId + ", \"dashboard_id\": " + dashboard + "}")
                .status()).isEqualTo(200);
        assertThat(c.get("/server/api/chart?id=" + chartId).status()).isEqualTo(404);
        assertThat(c.delete("/server/api/dashboard", "{\"id\": " + dashboard + "}").status()).isEqualTo(200);
        assertThat(c.delete("/server/api/dashboard", "{\"id\": " + dashboard + "}").code()).isEqualTo(18);
    }

    @Test
    void alarmRulesContactsAndWhiteList() throws Exception {
        MetaClient.Answer contact = c.put("/server/api/contact", """
                {"name": "eric", "phone": "13777820006", "mail": "eric@gmail.com", "wechat": "eric@gmail.com"}""");
        assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
        long contactId = contact.data().get("id").asLong();
        assertThat(c.put("/server/api/contact", "{\"name\": \"eric\"}").status()).as("names are unique")
                .isEqualTo(409);

        MetaClient.Answer rule = c.put("/server/api/alarmRule", """
                {"name": "memory threshold alarm", "type": 1, "query_range": 60, "contacts": "eric", "level": 1,
                 "message": "{time} memory usage reach {value}",
                 "data_source": "{\\"metric\\": \\"sentry_sys_mem_usage\\", \\"tags\\":{\\"ip\\":\\"*\\"}, \\"aggregation\\": \\"max\\", \\"down_sample\\": 10}",
                 "trigger": "{\\"greater_than\\": 12.0, \\"less_than\\": 1.0, \\"error_count\\": 2}"}""");
        assertThat(rule.status()).as(rule.toString()).isEqualTo(200);
        long ruleId = rule.data().get("id").asLong();
        JsonNode listed = c.get("/server/api/alarmRule").data().get(0);
        assertThat(listed.get("data_source").isTextual()).isTrue();
        assertThat(MetaClient.JSON.readTree(listed.get("data_source").asText()).get("metric").asText())
                .isEqualTo("sentry_sys_mem_usage");
        assertThat(MetaClient.JSON.readTree(listed.get("trigger").asText()).get("error_count").asInt()).isEqualTo(2);

        MetaClient.Answer bad = c.put("/server/api/alarmRule", """
                {"name": "x", "type": 1, "data_source": "{broken", "trigger": "{}"}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.field()).isEqualTo("data_source");

        assertThat(c.post("/server/api/alarmRule", listed.toString().replace("\"level\":1", "\"level\":2")).status())
                .isEqualTo(200);
        assertThat(c.get("/server/api/alarmRule").data().get(0).get("level").asInt()).isEqualTo(2);
        assertThat(c.post("/server/api/contact", "{\"id\": " + contactId + ", \"name\": \"eric\", \"phone\": \"1\"}")
                .data().get("phone").asText()).isEqualTo("1");

        MetaClient.Answer white = c.put("/server/api/metricWhiteList",
                "{\"metric\": \"shop_orders\", \"creator\": \"eric\", \"app_name\": \"shop\"}");
        assertThat(white.status()).isEqualTo(200);
        assertThat(c.get("/server/api/metricWhiteList").data().get(0).get("metric").asText()).isEqualTo("shop_orders");
        assertThat(c.delete("/server/api/metricWhiteList", "{\"id\": " + white.data().get("id").asLong() + "}")
                .status()).isEqualTo(200);

        assertThat(c.delete("/server/api/alarmRule", "{\"id\": " + ruleId + "}").status()).isEqualTo(200);
        assertThat(c.delete("/server/api/contact", "{\"id\": " + contactId + "}").status()).isEqualTo(200);
        assertThat(c.get("/server/api/alarmRule").data()).isEmpty();
        assertThat(c.send("PATCH", "/server/api/contact", "{}").code()).isEqualTo(2);
        // counted under the original's self-monitoring names: 2 adds, 1 update, 1 delete of contacts above
        assertThat(c.get("/metrics").text()).contains("sentry_server_http_requests_total{api=\"contact\"} 4",
                "sentry_server_http_requests_total{api=\"alarm\"} ");
        assertThat(c.put("/server/api/contact", "{\"name\": ").code()).isEqualTo(3);
    }
}
