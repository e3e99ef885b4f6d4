package io.sentrycloud.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A newcomer's path through the dashboard in a real browser against a real server with real points: log in, create
 * a dashboard, add a chart through the editor, see it drawn with its legend, move and resize it, save the layout and
 * find it after a reload, change the time range, and see what a chart says when it has no data. The steps build
 * on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    static final String PASSWORD = "dashboard-it-secret";
    static final List<String> HOSTS = List.of("host=alpha", "host=beta", "host=gamma");

    @TempDir
    static Path data;
    static SentryServer server;
    static Browser browser;
    static String dashboardPath;

    @BeforeAll
    static void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--auth.admin_password=" + PASSWORD));
        new Fleet(server.port()).push("web_cpu", List.of("alpha", "beta", "gamma"), 3 * 3600, 60);
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
    @Order(1)
    void logIn() {
        // a visitor reads (auth.anonymous_read) and is offered to log in to change anything
        browser.open("/dashboards");
        assertThat(browser.find("#current-user").getText()).contains("guest");
        assertThat(browser.all("#new-dashboard")).isEmpty();
        browser.find("#login-link").click();
        browser.waitFor(d -> browser.location().startsWith("/login"));
        browser.find("#username").clear();
        browser.find("#username").sendKeys("admin");
        browser.find("#password").sendKeys("wrong password");
        browser.find("#login-submit").click();
        String refused = browser.waitFor(d -> {
            String text = browser.find("#login-error").getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(refused).contains("Wrong");
        browser.screenshot("login");
        browser.find("#password").clear();
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("#login-submit").click();
        browser.waitFor(d -> browser.location().equals("/dashboards"));
        assertThat(browser.find("#current-user").getText()).contains("admin");
    }

    @Test
    @Order(2)
    void createADashboard() {
        browser.find("#new-dashboard").click();
        browser.find("#new-dashboard-name").sendKeys("Web servers");
        browser.find("#new-dashboard-var-metric").sendKeys("web_cpu");
        browser.find("#new-dashboard-var-key").sendKeys("host");
        browser.find(".modal button.primary").click();
        browser.waitFor(d -> browser.location().matches("/dashboards/\\d+"));
        dashboardPath = browser.location();
        assertThat(browser.find("#dashboard-title").getText()).isEqualTo("Web servers");
        assertThat(browser.find(".gs-empty").getText()).contains("no charts yet");
    }

    @Test
    @Order(3)
    void addAChartThroughTheEditor() {
        browser.find("#add-chart").click();
        browser.find("#chart-editor");
        assertThat(browser.location()).contains("edit=new");
        WebElement metric = browser.find("#chart-editor .metric-input");
        metric.sendKeys("web_c");
        browser.clickText(".suggest ul li", "web_cpu");
        browser.clickText("#chart-editor .chip", "host");
        browser.find("#chart-title").sendKeys("CPU by host");
        // the live preview draws before anything is saved
        browser.waitFor(d -> legend("#chart-editor .editor-preview").equals(HOSTS));
        browser.screenshot("chart-editor");
        browser.find("#save-chart").click();
        browser.waitFor(d -> d.findElements(By.id("chart-editor")).isEmpty());

        browser.waitFor(d -> legend(".grid-stack-item").equals(HOSTS));
        assertThat(browser.find(".grid-stack-item .panel-head .title").getText()).isEqualTo("CPU by host");
        assertThat(browser.canvasHasInk(".grid-stack-item canvas")).isTrue();
        assertThat(browser.location()).doesNotContain("edit=");
        browser.screenshot("dashboard");
    }

    @Test
    @Order(4)
    void dragAndResizeThenSaveTheLayoutAndFindItAfterAReload() {
        WebElement item = browser.find(".grid-stack-item");
        Map<String, String> before = place(item);
        assertThat(before).containsEntry("x", "0").containsEntry("w", "6");

        WebElement title = browser.find(".grid-stack-item .panel-head .title");
        new Actions(browser.driver).clickAndHold(title).moveByOffset(40, 0).moveByOffset(300, 0)
                .moveByOffset(300, 0).pause(200).release().perform();
        browser.waitFor(d -> !"0".equals(place(browser.find(".grid-stack-item")).get("x")));

        browser.js("document.querySelector('.grid-stack-item .ui-resizable-se').style.display = 'block'");
        WebElement handle = browser.find(".grid-stack-item .ui-resizable-se");
        new Actions(browser.driver).moveToElement(browser.find(".grid-stack-item .panel-body")).pause(100)
                .clickAndHold(handle).moveByOffset(-20, 20).moveByOffset(-100, 100).moveByOffset(-100, 80)
                .pause(200).release().perform();
        Map<String, String> moved = browser.waitFor(d -> {
            Map<String, String> p = place(browser.find(".grid-stack-item"));
            return p.get("h").equals(before.get("h")) ? null : p;
        });
        assertThat(moved.get("x")).isNotEqualTo("0");
        assertThat(Integer.parseInt(moved.get("h"))).isGreaterThan(Integer.parseInt(before.get("h")));

        assertThat(browser.find("#layout-state").getText()).isEqualTo("Layout changed");
        browser.find("#save-layout").click();
        browser.waitFor(d -> browser.find("#layout-state").getText().equals("Layout saved"));

        browser.driver.navigate().refresh();
        browser.find(".grid-stack-item .chart[data-state=drawn] canvas");
        assertThat(place(browser.find(".grid-stack-item"))).isEqualTo(moved);
        browser.screenshot("dashboard-moved");
    }

    @Test
    @Order(5)
    void theTimeRangeAndTheVariableFollowTheUrl() {
        browser.find("#time-range").click();
        browser.find(".time-menu button[data-from='now-6h']").click();
        browser.waitFor(d -> browser.location().contains("from=now-6h"));
        assertThat(browser.find("#time-range-label").getText()).isEqualTo("Last 6 hours");
        browser.find(".grid-stack-item .chart[data-state=drawn] canvas");

        new org.openqa.selenium.support.ui.Select(browser.find("#variable-host")).selectByValue("beta");
        browser.waitFor(d -> browser.location().contains("var-host=beta"));
        browser.waitFor(d -> legend(".grid-stack-item").equals(List.of("host=beta")));

        // the URL alone gives the same view: a shared link
        String shared = browser.location();
        browser.open("/dashboards");
        browser.find("#dashboard-list");
        browser.open(shared);
        browser.find(".grid-stack-item .chart[data-state=drawn] canvas");
        assertThat(browser.find("#time-range-label").getText()).isEqualTo("Last 6 hours");
        assertThat(legend(".grid-stack-item")).containsExactly("host=beta");

        // zoom by selecting a span on the chart: the range becomes absolute, in the URL
        WebElement over = browser.find(".grid-stack-item .u-over");
        new Actions(browser.driver).moveToElement(over, -over.getSize().width / 4, 0).clickAndHold()
                .moveByOffset(over.getSize().width / 3, 0).release().perform();
        browser.waitFor(d -> browser.location().matches(".*from=\\d{13}.*to=\\d{13}.*"));
        browser.find(".grid-stack-item .chart[data-state=drawn] canvas");
        browser.open(dashboardPath);
    }

    @Test
    @Order(6)
    void aChartWithoutDataSaysSo() {
        browser.find("#add-chart").click();
        browser.find("#chart-editor .metric-input").sendKeys("web_cpu");
        browser.find("#chart-title").sendKeys("Nobody's CPU");
        browser.find("#chart-editor .add-tag").click();
        browser.find("#chart-editor .tag-key").sendKeys("host");
        WebElement value = browser.find("#chart-editor .tag-value");
        value.sendKeys("nobody");
        browser.find("#chart-title").click(); // leaves the value field: the filter applies
        browser.find("#chart-editor .editor-preview .chart[data-state=nodata]");
        browser.find("#save-chart").click();
        browser.waitFor(d -> d.findElements(By.id("chart-editor")).isEmpty());
        WebElement msg = browser.find(".grid-stack-item .chart[data-state=nodata] .msg");
        assertThat(msg.getText()).contains("No data").contains("web_cpu");
        assertThat(browser.all(".grid-stack-item")).hasSize(2);
        browser.screenshot("dashboard-nodata");
    }

    @Test
    @Order(7)
    void theListSearchesClonesExportsAndDeletes() {
        browser.open("/dashboards?q=Web");
        browser.waitFor(d -> browser.texts("#dashboard-list .dashboard-link").equals(List.of("Web servers")));
        browser.find("#dashboard-list .clone").click();
        WebElement name = browser.find(".modal input");
        name.clear();
        name.sendKeys("Web servers copy");
        browser.find(".modal button.primary").click();
        browser.waitFor(d -> browser.location().matches("/dashboards/\\d+") && !browser.location().equals(dashboardPath));
        browser.find(".grid-stack-item .chart[data-state=drawn] canvas");
        assertThat(browser.all(".grid-stack-item")).hasSize(2);

        browser.open("/dashboards?q=Web");
        browser.waitFor(d -> browser.texts("#dashboard-list .dashboard-link")
                .equals(List.of("Web servers", "Web servers copy")));
        browser.find("#dashboard-search").sendKeys(" servers copy");
        browser.waitFor(d -> browser.texts("#dashboard-list .dashboard-link").equals(List.of("Web servers copy")));
        browser.screenshot("dashboards");
        browser.find("#dashboard-list .delete").click();
        browser.find(".modal button.primary").click();
        browser.waitFor(d -> browser.find(".empty").getText().contains("No dashboard matches"));
        browser.find("#dashboard-search").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.waitFor(d -> browser.texts("#dashboard-list .dashboard-link").contains("Web servers"));
        assertThat(browser.texts("#dashboard-list .dashboard-link")).doesNotContain("Web servers copy");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(8)
    void theOtherPagesOpen() {
        browser.open("/explore");
        browser.find(".metric-input");
        browser.screenshot("explore");
        browser.open("/admin/users");
        browser.find("#user-list");
        assertThat(browser.find("#user-list").getText()).contains("admin");
        browser.find("#new-user").click();
        browser.find("#new-user-name").sendKeys("viewer1");
        browser.find("#new-user-password").sendKeys("viewer-password-1");
        browser.find(".modal button.primary").click();
        browser.waitFor(d -> browser.texts("#user-list td").contains("viewer1"));
        browser.screenshot("admin-users");

        browser.open("/admin/tokens");
        browser.find("#new-token").click();
        browser.find("#new-token-name").sendKeys("deploy script");
        browser.find(".modal button.primary").click();
        String secret = browser.waitFor(d -> {
            String v = browser.find("#created-token").getAttribute("value");
            return v == null || v.isEmpty() ? null : v;
        });
        assertThat(secret).hasSizeGreaterThan(20);
        browser.find(".modal button.primary").click();
        browser.waitFor(d -> browser.texts("#token-list td").contains("deploy script"));
        browser.screenshot("admin-tokens");
        browser.open("/alarms");
        browser.find(".tabs");
        browser.screenshot("alarms");
        browser.find("#theme-toggle").click();
        browser.open(dashboardPath);
        browser.find(".grid-stack-item .chart[data-state=drawn] canvas");
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("light");
        browser.screenshot("dashboard-light");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static List<String> legend(String scope) {
        return browser.texts(scope + " .legend td.name");
    }

    private static Map<String, String> place(WebElement item) {
        return Map.of("x", item.getAttribute("gs-x") == null ? "0" : item.getAttribute("gs-x"),
                "y", item.getAttribute("gs-y") == null ? "0" : item.getAttribute("gs-y"),
                "w", item.getAttribute("gs-w"), "h", item.getAttribute("gs-h"));
    }
}
