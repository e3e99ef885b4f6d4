package io.sentrycloud.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/** The explore page in a real browser against a real server: every chart type, and the chart's messages. */
class ExplorePageIT {

    @TempDir
    static Path data;
    static SentryServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false"));
        new Fleet(server.port()).push("web_cpu", List.of("alpha", "beta", "gamma"), 2 * 3600, 60);
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

    static String explore(String type, String tags, String extra) {
        String q = "{\"type\":\"" + type + "\",\"aggregation\":\"avg\"" + extra + ",\"queries\":[{\"metric\":\"web_cpu\","
                + "\"tags\":" + tags + ",\"groupBy\":[\"host\"]}]}";
        return "/explore?from=now-3h&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    @Test
    void aLineChartDrawsOneSeriesPerHostWithItsLegend() {
        browser.open(explore("line", "{}", ""));
        browser.find(".explore-chart .chart[data-state=drawn] canvas");
        List<String> names = browser.all(".explore-chart .legend td.name").stream().map(WebElement::getText).toList();
        assertThat(names).containsExactly("host=alpha", "host=beta", "host=gamma");
        // the legend's min/max/avg/last of alpha: its values are 10 ± 3
        List<String> alpha = browser.all(".explore-chart .legend tr:nth-child(2) td").stream()
                .map(WebElement::getText).toList();
        assertThat(Double.parseDouble(alpha.get(1))).isBetween(7.0, 10.0);
        assertThat(Double.parseDouble(alpha.get(2))).isBetween(10.0, 13.0);
        assertThat(browser.canvasHasInk(".explore-chart canvas")).isTrue();
        // the form shows the query read back from the URL
        assertThat(browser.find(".metric-input").getAttribute("value")).isEqualTo("web_cpu");
        assertThat(browser.find(".chip.on").getText()).isEqualTo("host");
        browser.screenshot("explore-line");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void everyChartTypeDraws() {
        browser.open(explore("stacked", "{}", ""));
        browser.find(".explore-chart .chart[data-state=drawn] canvas");
        assertThat(browser.all(".explore-chart .legend td.name")).hasSize(3);
        browser.screenshot("explore-stacked");

        browser.open(explore("bar", "{\"host\":\"beta\"}", ",\"downsample\":\"10m\""));
        browser.find(".explore-chart .chart[data-state=drawn] canvas");
        assertThat(browser.all(".explore-chart .legend td.name")).extracting(WebElement::getText)
                .containsExactly("host=beta");

        browser.open(explore("number", "{\"host\":\"alpha\"}", ",\"options\":{\"reduce\":\"max\"}"));
        WebElement number = browser.find(".explore-chart .big-number .value");
        assertThat(Double.parseDouble(number.getText())).isBetween(10.0, 13.0);
        browser.screenshot("explore-number");

        browser.open(explore("gauge", "{\"host\":\"gamma\"}", ",\"options\":{\"min\":0,\"max\":100}"));
        assertThat(browser.find(".explore-chart .gauge svg text").getText()).matches("\\d+(\\.\\d+)?");
        browser.screenshot("explore-gauge");

        browser.open(explore("pie", "{}", ""));
        browser.find(".explore-chart .pie svg path");
        assertThat(browser.all(".explore-chart .pie svg path")).hasSize(3);
        browser.screenshot("explore-pie");

        browser.open(explore("topn", "{}", ",\"limit\":2,\"order\":\"desc\""));
        browser.find(".explore-chart .topn table");
        List<WebElement> rows = browser.all(".explore-chart .topn tr");
        assertThat(rows).hasSize(3); // header + 2
        assertThat(rows.get(1).getText()).contains("gamma");
        assertThat(rows.get(2).getText()).contains("beta");
        browser.screenshot("explore-topn");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void noDataAndARefusedQueryAreSaidInTheChart() {
        browser.open(explore("line", "{\"host\":\"nobody\"}", ""));
        WebElement msg = browser.find(".explore-chart .chart[data-state=nodata] .msg");
        assertThat(msg.getText()).contains("No data").contains("web_cpu");
        browser.screenshot("explore-nodata");

        // 10 s buckets over 30 days are more points per line than the server allows: it refuses, the chart says why
        browser.open(explore("line", "{}", ",\"downsample\":\"10s\"").replace("now-3h", "now-30d"));
        WebElement refused = browser.find(".explore-chart .chart[data-state=refused] .msg");
        assertThat(refused.getText()).contains("Query refused").contains("max_points");
        browser.screenshot("explore-refused");
    }

    @Test
    void theMetricFieldSuggestsMetricNames() {
        browser.open("/explore");
        WebElement metric = browser.find(".metric-input");
        metric.sendKeys("web_");
        browser.clickText(".suggest ul li", "web_cpu");
        browser.find(".explore-chart .chart[data-state=drawn] canvas");
        assertThat(browser.location()).contains("web_cpu");
    }
}
