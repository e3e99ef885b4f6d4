package io.sentrycloud.alarm.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP POST of a JSON body, in the shape each receiver documents:
 * <ul>
 *   <li>{@code webhook} — ours: {@code {"version":"1","rule":{"id","name"},"severity","status","title","text",
 *   "alerts":[{"state","metric","tags","value","time","text","link"}]}}; with a secret, the headers
 *   {@code X-Sentry-Timestamp: <epoch s>} and {@code X-Sentry-Signature: sha256=<hex HMAC-SHA256(secret,
 *   timestamp + "." + body)>};</li>
 *   <li>{@code slack} — incoming webhook {@code {"text": ...}};</li>
 *   <li>{@code feishu} — custom bot {@code {"msg_type":"text","content":{"text"}}}, signed with
 *   {@code timestamp} and {@code sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, empty))};</li>
 *   <li>{@code dingtalk} — robot {@code {"msgtype":"markdown","markdown":{"title","text"}}}, signed by the URL
 *   parameters {@code timestamp} (ms) and {@code sign = urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" +
 *   secret)))};</li>
 *   <li>{@code wecom} — group robot {@code {"msgtype":"markdown","markdown":{"content"}}}.</li>
 * </ul>
 * A 2xx answer is success unless its JSON carries a non-zero {@code errcode} (DingTalk, WeCom) or {@code code}
 * (Feishu), which those apps use to refuse with HTTP 200.
 */
public final class WebhookChannel implements Channel {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** WeCom refuses markdown content over 4096 bytes. */
    private static final int WECOM_MAX = 4000;

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public WebhookChannel(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Set<String> names() {
        return Set.of("webhook", "slack", "feishu", "dingtalk", "wecom");
    }

    @Override
    public void send(Recipient r, Notification n) throws DeliveryException {
        long nowMillis = clock.millis();
        String url = r.address();
        HttpRequest.Builder req = HttpRequest.newBuilder().timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8");
        String body;
        try {
            switch (r.channel()) {
                case "webhook" -> {
                    body = JSON.writeValueAsString(generic(n));
                    if (!r.secret().isEmpty()) {
                        String ts = String.valueOf(nowMillis / 1000);
                        req.header("X-Sentry-Timestamp", ts).header("X-Sentry-Signature", "sha256="
                                + HexFormat.of().formatHex(hmac(r.secret(), ts + "." + body)));
                    }
                }
                case "slack" -> body = JSON.writeValueAsString(JSON.createObjectNode()
                        .put("text", n.title() + "\n" + n.text()));
                case "feishu" -> {
                    ObjectNode o = JSON.createObjectNode().put("msg_type", "text");
                    o.putObject("content").put("text", n.title() + "\n" + n.text());
                    if (!r.secret().isEmpty()) {
                        String ts = String.valueOf(nowMillis / 1000);
                        o.put("timestamp", ts).put("sign", Base64.getEncoder()
                                .encodeToString(hmacWithKey(ts + "\n" + r.secret(), new byte[0])));
                    }
                    body = JSON.writeValueAsString(o);
                }
                case "dingtalk" -> {
                    ObjectNode o = JSON.createObjectNode().put("msgtype", "markdown");
                    o.putObject("markdown").put("title", n.title()).put("text", markdown(n));
                    body = JSON.writeValueAsString(o);
                    if (!r.secret().isEmpty()) {
                        String ts = String.valueOf(nowMillis);
                        String sign = Base64.getEncoder().encodeToString(hmac(r.secret(), ts + "\n" + r.secret()));
                        url += (url.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign="
                                + URLEncoder.encode(sign, StandardCharsets.UTF_8);
                    }
                }
                case "wecom" -> {
                    String md = markdown(n);
                    ObjectNode o = JSON.createObjectNode().put("msgtype", "markdown");
                    o.putObject("markdown").put("content", truncate(md, WECOM_MAX));
                    body = JSON.writeValueAsString(o);
                }
                default -> throw new DeliveryException("no webhook format named '" + r.channel() + "'");
            }
        } catch (IOException e) {
            throw new DeliveryException("could not encode the notification: " + e.getMessage(), e);
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(req.uri(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body,
                    StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DeliveryException(r.channel() + " POST " + redact(r.address()) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while posting to " + redact(r.address()), e);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("webhook URL '" + redact(r.address()) + "' is not valid: " + e.getMessage());
        }
        if (resp.statusCode() / 100 != 2) {
            throw new DeliveryException(r.channel() + " " + redact(r.address()) + " answered HTTP "
                    + resp.statusCode() + ": " + truncate(resp.body(), 200));
        }
        checkAppCode(r, resp.body());
    }

    private static void checkAppCode(Recipient r, String body) throws DeliveryException {
        if (body == null || body.isBlank() || !body.trim().startsWith("{")) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return; // a receiver that answers 2xx with something else has accepted it
        }
        for (String field : new String[] {"errcode", "code", "StatusCode"}) {
            JsonNode c = node.get(field);
            if (c != null && c.isNumber() && c.asLong() != 0) {
                throw new DeliveryException(r.channel() + " " + redact(r.address()) + " refused: " + field + " "
                        + c.asLong() + " " + truncate(body, 200));
            }
        }
    }

    private static ObjectNode generic(Notification n) {
        ObjectNode o = JSON.createObjectNode().put("version", "1");
        o.putObject("rule").put("id", n.ruleId()).put("name", n.ruleName());
        o.put("severity", n.severity());
        boolean firing = n.alerts().stream().anyMatch(a -> !a.state().equals("resolved"));
        o.put("status", firing ? "firing" : "resolved");
        o.put("title", n.title());
        o.put("text", n.text());
        ArrayNode alerts = o.putArray("alerts");
        for (Notification.Alert a : n.alerts()) {
            ObjectNode x = alerts.addObject().put("state", a.state()).put("metric", a.metric());
            ObjectNode tags = x.putObject("tags");
            new java.util.TreeMap<>(a.tags()).forEach(tags::put);
            if (Double.isNaN(a.value())) {
                x.putNull("value");
            } else {
                x.put("value", a.value());
            }
            x.put("time", a.at()).put("text", a.text()).put("link", a.link());
        }
        return o;
    }

    private static String markdown(Notification n) {
        var sb = new StringBuilder("### ").append(n.title()).append("\n\n");
        for (Notification.Alert a : n.alerts()) {
            sb.append("- **").append(a.state()).append("** ").append(a.text());
            if (!a.link().isEmpty()) {
                sb.append(" [chart](").append(a.link()).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static byte[] hmac(String secret, String data) {
        return hmacWithKey(secret, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmacWithKey(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Robot URLs carry their access token in the query; logs and errors show the host and path only. */
    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
