package io.sentrycloud.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The alarm pages in a real browser: a threshold rule made in the editor (its preview draws the bound), a silence and a contact. */
class AlarmPagesIT {

    static final String PASSWORD = "alarm-pages-secret";

    @TempDir
    static Path data;
    static SentryServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--auth.admin_password=" + PASSWORD));
        new Fleet(server.port()).push("api_latency", List.of("alpha", "beta"), 2 * 3600, 60);
        browser = new Browser(server.port());
        browser.open("/login?next=/alarms");
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("#login-submit").click();
        browser.waitFor(d -> browser.location().equals("/alarms"));
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
    void aThresholdRuleIsMadeInTheEditorWithItsBoundOnThePreview() {
        browser.open("/alarms/rules");
        browser.find("#new-rule").click();
        browser.find("#rule-name").sendKeys("slow API");
        browser.find("#rule-metric").sendKeys("api_latency");
        browser.find("#rule-tags").sendKeys("host=*");
        browser.find("#rule-above").sendKeys("15");
        browser.find("#rule-name").click(); // leaves the fields: the preview redraws
        browser.waitFor(d -> browser.texts("#rule-editor .legend td.name").equals(List.of("host=alpha", "host=beta")));
        assertThat(browser.canvasHasInk("#rule-editor canvas")).isTrue();
        browser.screenshot("alarm-rule-editor");
        browser.find("#save-rule").click();
        browser.waitFor(d -> d.findElements(By.id("rule-editor")).isEmpty());
        browser.waitFor(d -> browser.texts("#rule-list td").containsAll(List.of("slow API", "threshold", "> 15")));
        browser.screenshot("alarm-rules");

        browser.open("/alarms/silences");
        browser.find("#new-silence").click();
        new Select(browser.find("#silence-rule")).selectByVisibleText("slow API");
        browser.find("#silence-matchers").sendKeys("host=beta");
        browser.find("#silence-comment").sendKeys("deploying beta");
        browser.find(".modal button.primary").click();
        browser.waitFor(d -> browser.texts("#silence-list td").containsAll(List.of("slow API", "host=beta",
                "deploying beta")));
        browser.screenshot("alarm-silences");

        browser.open("/alarms/contacts");
        browser.find("#new-contact").click();
        browser.find("#contact-name").sendKeys("on-call");
        browser.find("#contact-mail").sendKeys("oncall@example.org");
        browser.find(".modal button.primary").click();
        browser.waitFor(d -> browser.texts("#contact-list td").containsAll(List.of("on-call", "oncall@example.org")));

        browser.open("/alarms/firing");
        browser.find(".tabs a.active");
        browser.waitFor(d -> !browser.all("#firing-list").isEmpty() || browser.texts(".empty").contains("Nothing is firing."));
        browser.open("/alarms/history");
        browser.waitFor(d -> !browser.all("#history-list").isEmpty()
                || browser.texts(".empty").contains("No alert has fired yet."));
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
