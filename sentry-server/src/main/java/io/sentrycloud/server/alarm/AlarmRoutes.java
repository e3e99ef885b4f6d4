package io.sentrycloud.server.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.sentrycloud.alarm.RuleStatus;
import io.sentrycloud.alarm.eval.Evaluation;
import io.sentrycloud.alarm.eval.Observation;
import io.sentrycloud.alarm.notify.Delivery;
import io.sentrycloud.alarm.rule.InvalidRuleException;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.alarm.state.SeriesState;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.http.RequestBody;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The alarm endpoints (the metadata API serves rules, contacts, silences and the history):
 * <ul>
 *   <li>{@code GET /api/v1/alerts} — the current alerts (pending, firing, no data, query error), newest first;</li>
 *   <li>{@code GET /api/v1/alerts/deliveries?limit=} — the latest notifications, with status, attempts and the
 *   last error (a failed delivery is visible here until it is through);</li>
 *   <li>{@code GET /api/v1/alarm/status} — every rule's last evaluation, and why a rule is not evaluated;</li>
 *   <li>{@code POST /api/v1/alarm/preview} — a dry run of a rule (the {@code alarm_rule} fields) over the current
 *   data: what would fire, nothing is stored or sent;</li>
 *   <li>{@code POST /api/v1/alerts/forget} {@code {"rule_id", "tags"}} — retire a series (a host taken out of
 *   service) so that its heartbeat no longer fires.</li>
 * </ul>
 */
public final class AlarmRoutes {

    private AlarmRoutes() {
    }

    /** Adds the routes to {@code app}. */
    public static void register(Javalin app, Supplier<AlarmService> alarm, long maxBodyBytes, Clock clock) {
        app.get("/api/v1/alerts", ctx -> alerts(ctx, ready(alarm)));
        app.get("/api/v1/alerts/deliveries", ctx -> deliveries(ctx, ready(alarm)));
        app.get("/api/v1/alarm/status", ctx -> Reply.ok(ctx, status(ready(alarm))));
        app.post("/api/v1/alarm/preview", ctx -> preview(ctx, ready(alarm), maxBodyBytes, clock));
        app.post("/api/v1/alerts/forget", ctx -> forget(ctx, ready(alarm), maxBodyBytes, clock));
    }

    private static AlarmService ready(Supplier<AlarmService> alarm) {
        AlarmService a = alarm.get();
        if (a == null) {
            throw new ApiException(503, ApiCode.STORE_ERROR, "the alarm engine is starting; try again in a moment");
        }
        return a;
    }

    private static void alerts(Context ctx, AlarmService alarm) {
        Map<Long, String> names = new HashMap<>();
        alarm.engine().status().forEach(s -> names.put(s.ruleId(), s.name()));
        List<Map<String, Object>> out = alarm.engine().activeAlerts().stream()
                .sorted((a, b) -> Long.compare(b.since(), a.since()))
                .map(s -> alert(s, names.getOrDefault(s.ruleId(), ""))).toList();
        Reply.ok(ctx, out);
    }

    private static Map<String, Object> alert(SeriesState s, String rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule_id", s.ruleId());
        m.put("rule", rule);
        m.put("state", s.state().wireName());
        m.put("tags", s.ruleScope() ? Map.of() : s.tags());
        m.put("value", Double.isFinite(s.value()) ? s.value() : null);
        m.put("value_time", s.valueAt());
        m.put("since", s.since());
        m.put("notified", s.notifiedAt());
        m.put("detail", s.detail());
        return m;
    }

    private static void deliveries(Context ctx, AlarmService alarm) {
        int limit = intParam(ctx, "limit", 100, 1, 1000);
        List<Map<String, Object>> out = alarm.alerts().recent(limit).stream().map(AlarmRoutes::delivery).toList();
        Reply.ok(ctx, out);
    }

    private static Map<String, Object> delivery(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("rule_id", d.ruleId());
        m.put("channel", d.recipient().channel());
        m.put("to", d.recipient().address());
        m.put("contact", d.recipient().contact());
        m.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("attempts", d.attempts());
        m.put("created", d.createdAt());
        m.put("sent", d.sentAt());
        m.put("next_attempt", d.nextAttemptAt() == Long.MAX_VALUE ? null : d.nextAttemptAt());
        m.put("last_error", d.lastError());
        m.put("title", d.notification().title());
        return m;
    }

    private static List<RuleStatus> status(AlarmService alarm) {
        return alarm.engine().status();
    }

    /** The body of a preview: the {@code alarm_rule} fields, {@code data_source} and {@code trigger} as objects or text. */
    private static void preview(Context ctx, AlarmService alarm, long maxBodyBytes, Clock clock) {
        JsonNode b = RequestBody.readJson(ctx, maxBodyBytes, JsonNode.class);
        if (b == null || !b.isObject()) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "the body must be a rule: {\"type\","
                    + "\"query_range\",\"data_source\",\"trigger\",...}");
        }
        RuleRow row = new RuleRow(b.path("id").asLong(0), b.path("name").asText("preview"), b.path("type").asInt(-1),
                b.path("query_range").asInt(60), b.path("contacts").asText(""), b.path("level").asInt(1),
                b.path("message").asText(""), text(b.get("data_source")), text(b.get("trigger")), true);
        Evaluation ev;
        try {
            ev = alarm.engine().preview(row, clock.millis() / 1000);
        } catch (InvalidRuleException e) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, e.getMessage());
        } catch (RuntimeException e) {
            throw new ApiException(500, ApiCode.STORE_ERROR, "the rule's query failed: " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("window_start", ev.windowStart());
        out.put("window_end", ev.windowEnd());
        out.put("series", ev.observations().stream().map(AlarmRoutes::observation).toList());
        out.put("ranking", ev.ranking().stream().map(AlarmRoutes::observation).toList());
        Reply.ok(ctx, out);
    }

    private static Map<String, Object> observation(Observation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tags", o.tags());
        m.put("outcome", switch (o.kind()) {
            case BREACH -> "would fire";
            case NO_DATA -> "no data";
            case OK -> "ok";
        });
        m.put("value", Double.isFinite(o.value()) ? o.value() : null);
        m.put("time", o.at());
        if (!Double.isNaN(o.history())) {
            m.put("history_value", o.history());
            m.put("compare_value", Double.isFinite(o.compare()) ? o.compare() : null);
        }
        m.put("detail", o.detail());
        return m;
    }

    private static void forget(Context ctx, AlarmService alarm, long maxBodyBytes, Clock clock) {
        JsonNode b = RequestBody.readJson(ctx, maxBodyBytes, JsonNode.class);
        if (b == null || !b.path("rule_id").canConvertToLong() || !b.path("tags").isObject()) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "give {\"rule_id\": n, \"tags\": {...}} of the "
                    + "series to forget");
        }
        Map<String, String> tags = new TreeMap<>();
        b.get("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        long rule = b.get("rule_id").asLong();
        if (!alarm.engine().forget(rule, tags, clock.millis() / 1000)) {
            throw new ApiException(404, ApiCode.INVALID_PARAMETER, "rule " + rule + " has no series " + tags);
        }
        Reply.ok(ctx, Map.of("rule_id", rule, "tags", tags, "state", "forgotten"));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.isTextual() ? n.asText() : n.toString();
    }

    private static int intParam(Context ctx, String name, int absent, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, name + " must be a whole number between " + min
                    + " and " + max + ", got '" + v + "'");
        }
    }
}
