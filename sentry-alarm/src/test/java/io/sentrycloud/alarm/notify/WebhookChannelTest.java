package io.sentrycloud.alarm.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.alarm.WebhookReceiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each format posted to a real local HTTP server and checked against the receiving app's documented shape. */
class WebhookChannelTest {

    private static final long NOW_MS = 1_700_000_000_123L;
    private final WebhookReceiver receiver;
    private final WebhookChannel channel = new WebhookChannel(Duration.ofSeconds(5),
            Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC));

    WebhookChannelTest() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void close() {
        receiver.close();
    }

    private static final Notification N = new Notification(3, "disk full", "warning", 1_700_000_000, List.of(
            new Notification.Alert("firing", "disk", Map.of("host", "a", "path", "/"), 97.5, 1_699_999_990,
                    "disk / of a at 97.5 %", "http://sentry/#/explore?metric=disk")));

    private static byte[] hmac(String key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }

    @Test
    void genericWebhookCarriesTheDocumentedBodyAndHmacSignature() throws Exception {
        channel.send(new Recipient("webhook", receiver.url("/alert"), "k3y", "ops"), N);
        var r = receiver.received().get(0);
        var j = r.json();
        assertThat(j.at("/version").asText()).isEqualTo("1");
        assertThat(j.at("/rule/id").asLong()).isEqualTo(3);
        assertThat(j.at("/rule/name").asText()).isEqualTo("disk full");
        assertThat(j.at("/severity").asText()).isEqualTo("warning");
        assertThat(j.at("/status").asText()).isEqualTo("firing");
        assertThat(j.at("/title").asText()).isEqualTo("[sentry] WARNING · disk full · FIRING 1");
        assertThat(j.at("/alerts/0/tags/path").asText()).isEqualTo("/");
        assertThat(j.at("/alerts/0/value").asDouble()).isEqualTo(97.5);
        assertThat(j.at("/alerts/0/time").asLong()).isEqualTo(1_699_999_990);
        assertThat(j.at("/alerts/0/link").asText()).isEqualTo("http://sentry/#/explore?metric=disk");
        String ts = r.header("X-Sentry-Timestamp");
        assertThat(ts).isEqualTo("1700000000");
        assertThat(r.header("X-Sentry-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(
                hmac("k3y", (ts + "." + r.body()).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void dingTalkRobotMarkdownWithItsSigning() throws Exception {
        receiver.answer("{\"errcode\":0,\"errmsg\":\"ok\"}");
        channel.send(new Recipient("dingtalk", receiver.url("/robot/send?access_token=abc"), "SECxyz", "ops"), N);
        var r = receiver.received().get(0);
        assertThat(r.json().at("/msgtype").asText()).isEqualTo("markdown");
        assertThat(r.json().at("/markdown/title").asText()).isEqualTo(N.title());
        assertThat(r.json().at("/markdown/text").asText()).contains("**firing** disk / of a at 97.5 %");
        Map<String, String> q = new java.util.HashMap<>();
        for (String kv : r.query().split("&")) {
            String[] p = kv.split("=", 2);
            q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        assertThat(q.get("access_token")).isEqualTo("abc");
        assertThat(q.get("timestamp")).isEqualTo(String.valueOf(NOW_MS));
        assertThat(q.get("sign")).isEqualTo(Base64.getEncoder().encodeToString(
                hmac("SECxyz", (NOW_MS + "\nSECxyz").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void feishuBotTextWithItsSigning() throws Exception {
        receiver.answer("{\"code\":0,\"msg\":\"success\"}");
        channel.send(new Recipient("feishu", receiver.url("/open-apis/bot/v2/hook/x"), "fs", "ops"), N);
        var j = receiver.received().get(0).json();
        assertThat(j.at("/msg_type").asText()).isEqualTo("text");
        assertThat(j.at("/content/text").asText()).startsWith(N.title()).contains("disk / of a at 97.5 %");
        assertThat(j.at("/timestamp").asText()).isEqualTo("1700000000");
        assertThat(j.at("/sign").asText()).isEqualTo(Base64.getEncoder().encodeToString(
                hmac("1700000000\nfs", new byte[0])));
    }

    @Test
    void weComAndSlackShapes() throws Exception {
        channel.send(new Recipient("wecom", receiver.url("/cgi-bin/webhook/send?key=k"), "", "ops"), N);
        channel.send(new Recipient("slack", receiver.url("/services/T/B/X"), "", "ops"), N);
        var wecom = receiver.received().get(0).json();
        assertThat(wecom.at("/msgtype").asText()).isEqualTo("markdown");
        assertThat(wecom.at("/markdown/content").asText()).startsWith("### " + N.title());
        var slack = receiver.received().get(1).json();
        assertThat(slack.at("/text").asText()).startsWith(N.title()).contains("disk / of a at 97.5 %");
    }

    @Test
    void anAppRefusingWithHttp200IsAFailure() {
        receiver.answer("{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        assertThatThrownBy(() -> channel.send(new Recipient("dingtalk", receiver.url("/robot/send?access_token=s"),
                "x", "ops"), N)).isInstanceOf(DeliveryException.class).hasMessageContaining("errcode 310000")
                .hasMessageNotContaining("access_token=s");
    }

    @Test
    void httpErrorIsAFailure() {
        receiver.status(500);
        assertThatThrownBy(() -> channel.send(new Recipient("webhook", receiver.url("/a"), "", "ops"), N))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("HTTP 500");
    }
}
