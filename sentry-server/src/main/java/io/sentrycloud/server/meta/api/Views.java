package io.sentrycloud.server.meta.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.meta.access.ApiToken;
import io.sentrycloud.server.meta.access.User;
import io.sentrycloud.server.meta.alarm.AlarmRule;
import io.sentrycloud.server.meta.alarm.AlertRecord;
import io.sentrycloud.server.meta.alarm.AlertState;
import io.sentrycloud.server.meta.alarm.Contact;
import io.sentrycloud.server.meta.alarm.ContactGroup;
import io.sentrycloud.server.meta.alarm.Silence;
import io.sentrycloud.server.meta.dashboard.Chart;
import io.sentrycloud.server.meta.dashboard.Dashboard;
import io.sentrycloud.server.meta.dashboard.Line;
import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code /api/v1} representation of each entity: snake_case fields, JSON documents as JSON (not strings),
 * times as epoch milliseconds, and the {@code version} an update must send back.
 */
final class Views {

    private Views() {
    }

    static <T> Map<String, Object> page(Page<T> page, Function<T, Object> view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", page.items().stream().map(view).toList());
        m.put("total", page.total());
        m.put("limit", page.limit());
        m.put("offset", page.offset());
        return m;
    }

    static Map<String, Object> dashboard(Dashboard d, List<Chart> charts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("name", d.name());
        m.put("creator", d.creator());
        m.put("app_name", d.appName());
        m.put("tag_filter", json(d.tagFilter()));
        m.put("saved_status", d.savedStatus());
        m.put("version", d.version());
        m.put("created", d.created());
        m.put("updated", d.updated());
        if (charts != null) {
            m.put("charts", charts.stream().map(Views::chart).toList());
        }
        return m;
    }

    static Map<String, Object> chart(Chart c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("dashboard_id", c.dashboardId());
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("aggregation", c.aggregation());
        m.put("down_sample", c.downSample());
        m.put("topn_limit", c.topnLimit());
        m.put("position", Map.of("x", c.grid().x(), "y", c.grid().y(), "w", c.grid().w(), "h", c.grid().h()));
        m.put("options", json(c.options()));
        m.put("lines", c.lines().stream().map(Views::line).toList());
        m.put("version", c.version());
        m.put("created", c.created());
        m.put("updated", c.updated());
        return m;
    }

    static Map<String, Object> line(Line l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("name", l.name());
        m.put("metric", l.metric());
        m.put("tags", l.tags());
        m.put("offset", l.offset());
        return m;
    }

    static Map<String, Object> rule(AlarmRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("name", r.name());
        m.put("type", r.type());
        m.put("query_range", r.queryRange());
        m.put("contacts", r.contacts());
        m.put("level", r.level());
        m.put("message", r.message());
        m.put("data_source", json(r.dataSource()));
        m.put("trigger", json(r.trigger()));
        m.put("enabled", r.enabled());
        m.put("for_seconds", r.forSeconds());
        m.put("repeat_interval_seconds", r.repeatIntervalSeconds());
        m.put("notify_resolved", r.notifyResolved());
        m.put("severity", r.severity());
        m.put("version", r.version());
        m.put("created", r.created());
        m.put("updated", r.updated());
        return m;
    }

    static Map<String, Object> contact(Contact c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("phone", c.phone());
        m.put("mail", c.mail());
        m.put("wechat", c.wechat());
        m.put("webhook_url", c.webhookUrl());
        m.put("chat_webhook", c.chatWebhook());
        m.put("version", c.version());
        m.put("created", c.created());
        m.put("updated", c.updated());
        return m;
    }

    static Map<String, Object> group(ContactGroup g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("name", g.name());
        m.put("description", g.description());
        m.put("contact_ids", g.contactIds());
        m.put("version", g.version());
        m.put("created", g.created());
        m.put("updated", g.updated());
        return m;
    }

    static Map<String, Object> silence(Silence s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("rule_id", s.ruleId());
        m.put("matchers", s.matchers());
        m.put("starts", s.starts());
        m.put("ends", s.ends());
        m.put("comment", s.comment());
        m.put("created_by", s.createdBy());
        m.put("version", s.version());
        m.put("created", s.created());
        m.put("updated", s.updated());
        return m;
    }

    static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("username", u.username());
        m.put("role", u.role().id());
        m.put("enabled", u.enabled());
        m.put("version", u.version());
        m.put("created", u.created());
        m.put("updated", u.updated());
        return m;
    }

    static Map<String, Object> token(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name", t.name());
        m.put("prefix", t.prefix());
        m.put("user_id", t.userId());
        m.put("scope", t.scope());
        m.put("created", t.created());
        m.put("expires", t.expires());
        m.put("last_used", t.lastUsed());
        return m;
    }

    static Map<String, Object> alert(AlertRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("at", r.at());
        m.put("rule_id", r.ruleId());
        m.put("rule_name", r.ruleName());
        m.put("series", json(r.series()));
        m.put("state", r.state());
        m.put("value", r.value());
        m.put("message", r.message());
        m.put("notified", r.notified());
        return m;
    }

    static Map<String, Object> state(AlertState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule_id", s.ruleId());
        m.put("series", json(s.series()));
        m.put("state", s.state());
        m.put("since", s.since());
        m.put("error_count", s.errorCount());
        m.put("last_value", s.lastValue());
        m.put("last_notified", s.lastNotified());
        m.put("updated", s.updated());
        return m;
    }

    static Map<String, Object> audit(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("entity", e.entity());
        m.put("entity_id", e.entityId());
        m.put("detail", e.detail());
        return m;
    }

    /** Stored JSON text as JSON; empty text is null, and text that is not JSON stays a string. */
    static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return NullNode.instance;
        }
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return ApiJson.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
