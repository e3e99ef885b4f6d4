package io.sentrycloud.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The speed of the dashboard page: 12 charts × 20 series × 24 h of real points, loaded cold and warm in a real
 * browser. The figure (from navigation start to the last chart drawn, read from the page's Performance API) is
 * printed; the assertions are on what is drawn, not on time.
 */
class DashboardSpeedIT {

    static final String PASSWORD = "speed-it-secret";
    static final int CHARTS = 12;
    static final int SERIES = 20;

    @TempDir
    static Path data;
    static SentryServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--auth.admin_password=" + PASSWORD));
        Fleet fleet = new Fleet(server.port());
        for (int c = 0; c < CHARTS; c++) {
            fleet.push("speed_metric_" + c, Fleet.hosts(SERIES), 24 * 3600, 60);
        }
        browser = new Browser(server.port());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void twelveChartsOfTwentySeriesOverADayLoadAndDraw() {
        browser.open("/login");
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("#login-submit").click();
        browser.waitFor(d -> browser.location().equals("/dashboards"));

        // created through the app's own client, as an import of a dashboard document
        StringBuilder charts = new StringBuilder();
        for (int c = 0; c < CHARTS; c++) {
            charts.append(c == 0 ? "" : ",").append("""
                    {"name":"metric %d by host","type":"line","aggregation":"avg","down_sample":"5m",
                     "position":{"x":%d,"y":%d,"w":4,"h":4},"options":{"groupBy":[["host"]]},
                     "lines":[{"metric":"speed_metric_%d","tags":{}}]}""".formatted(c, (c % 3) * 4, (c / 3) * 4, c));
        }
        String doc = "{\"name\":\"Speed\",\"charts\":[" + charts + "]}";
        Object id = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/app/meta.js').then(m => m.dashboards.importJson(JSON.parse(arguments[0])))"
                + ".then(r => done(String(r.dashboard.id)), e => done('failed: ' + e.message));", doc);
        assertThat(String.valueOf(id)).matches("\\d+");

        List<Double> figures = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            browser.open("/dashboards/" + id + "?from=now-24h");
            browser.waitFor(d -> browser.js("return performance.getEntriesByName('sentry:dashboard-drawn').length")
                    .equals(1L));
            @SuppressWarnings("unchecked")
            Map<String, Object> mark = (Map<String, Object>) browser.js(
                    "const m = performance.getEntriesByName('sentry:dashboard-drawn')[0];"
                            + "const q = performance.getEntriesByType('resource').filter(r => r.name.endsWith('/server/api/range'));"
                            + "return {at: m.startTime, charts: m.detail.charts, dataMs: m.detail.ms, queries: q.length,"
                            + " firstQuery: Math.min(...q.map(r => r.startTime)),"
                            + " slowestQuery: Math.max(...q.map(r => r.duration)),"
                            + " lastAnswer: Math.max(...q.map(r => r.responseEnd)),"
                            + " bytes: q.reduce((a, r) => a + r.encodedBodySize, 0)};");
            assertThat(((Number) mark.get("charts")).intValue()).isEqualTo(CHARTS);
            double at = ((Number) mark.get("at")).doubleValue();
            figures.add(at);
            System.out.printf("dashboard speed: run %d (%s): %d charts × %d series × 24 h drawn %.0f ms after "
                    + "navigation start; first query sent at %.0f ms, last answer at %.0f ms, %s range queries, "
                    + "slowest %.0f ms, %s bytes on the wire%n", run + 1, run == 0 ? "cold" : "warm", CHARTS, SERIES,
                    at, ((Number) mark.get("firstQuery")).doubleValue(), ((Number) mark.get("lastAnswer")).doubleValue(),
                    mark.get("queries"),
                    ((Number) mark.get("slowestQuery")).doubleValue(), mark.get("bytes"));

            List<WebElement> drawn = browser.all(".grid-stack-item .chart[data-state=drawn] canvas");
            assertThat(drawn).hasSize(CHARTS);
            for (WebElement item : browser.all(".grid-stack-item")) {
                List<String> names = item.findElements(org.openqa.selenium.By.cssSelector(".legend td.name"))
                        .stream().map(e -> e.getAttribute("textContent")).toList();
                assertThat(names).hasSize(SERIES).allMatch(n -> n.startsWith("host=host-"));
            }
        }
        browser.screenshot("dashboard-speed");
        System.out.printf("dashboard speed: figures %s ms%n", figures);
    }
}
