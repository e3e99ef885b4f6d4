package io.sentrycloud.server.meta.api;

import io.sentrycloud.server.meta.access.Passwords;
import io.sentrycloud.server.meta.access.Role;
import io.sentrycloud.server.meta.alarm.AlarmRule;
import io.sentrycloud.server.meta.alarm.Contact;
import io.sentrycloud.server.meta.alarm.ContactGroup;
import io.sentrycloud.server.meta.alarm.Silence;
import io.sentrycloud.server.meta.dashboard.Chart;
import io.sentrycloud.server.meta.dashboard.Dashboard;
import io.sentrycloud.server.meta.dashboard.Line;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request bodies to domain values, with the rules each field must follow. Both APIs use these: {@code /api/v1}
 * with its field names, the original's with the same names (it sends JSON documents as strings, which is
 * accepted too).
 */
final class Bodies {

    static final Set<String> CHART_TYPES = Set.of("line", "area", "bar", "pie", "topN", "table", "stat");
    static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "max", "min", "count");
    static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    static final Set<String> SCOPES = Set.of("api", "ingest");
    static final Set<String> ROLES = Set.of("viewer", "editor", "admin");
    /** Lines one chart may have (the original queries at most 100 per chart). */
    static final int MAX_LINES = 100;
    private static final Pattern DOWN_SAMPLE = Pattern.compile("[1-9]\\d{0,8}[smhd]?");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_.\\-]*");

    static final Set<String> READ_ONLY = Set.of("id", "created", "updated", "is_deleted");

    private Bodies() {
    }

    static Set<String> with(Set<String> fields, String... more) {
        java.util.HashSet<String> all = new java.util.HashSet<>(fields);
        all.addAll(List.of(more));
        all.addAll(READ_ONLY);
        return all;
    }

    static final Set<String> DASHBOARD = with(Set.of("name", "creator", "app_name", "tag_filter", "saved_status"),
            "version", "charts", "chart_layout");

    static Dashboard dashboard(Fields f) {
        return Dashboard.draft(f.required("name", 128), f.text("creator", "", 255), f.text("app_name", "", 255),
                f.objectText("tag_filter", "", 1024), f.text("saved_status", "", 1024));
    }

    static final Set<String> CHART = with(Set.of("dashboard_id", "name", "type", "aggregation", "down_sample",
            "topn_limit", "position", "options", "lines"), "version");
    static final Set<String> LINE = Set.of("id", "name", "metric", "tags", "offset", "chart_id", "created", "updated",
            "is_deleted");

    /** A chart; {@code dashboardId} when given (charts inside a dashboard body) instead of the field. */
    static Chart chart(Fields f, Long dashboardId) {
        long dashboard = dashboardId != null ? dashboardId : f.number("dashboard_id", null, 1, Long.MAX_VALUE);
        String name = f.required("name", 128);
        String type = f.oneOf("type", "line", CHART_TYPES);
        String aggregation = f.oneOf("aggregation", "sum", AGGREGATIONS);
        String downSample = f.text("down_sample", "10s", 32);
        if (f.raw("down_sample") != null && f.raw("down_sample").isIntegralNumber()) {
            downSample = f.raw("down_sample").asText() + "s";
        }
        if (!DOWN_SAMPLE.matcher(downSample).matches()) {
            throw Fields.invalid(f.name("down_sample"), "'" + downSample + "' is not a duration; use e.g. 10s, 5m,"
                    + " 1h, 1d");
        }
        int topn = f.integer("topn_limit", 10, 0, 1000);
        Chart.Grid grid = new Chart.Grid(0, 0, 6, 4);
        Fields pos = f.object("position");
        if (pos != null) {
            pos.only(Set.of("x", "y", "w", "h", "i", "moved", "static"));
            grid = new Chart.Grid(pos.integer("x", 0, 0, 11), pos.integer("y", 0, 0, 100_000),
                    pos.integer("w", 6, 1, 12), pos.integer("h", 4, 1, 1000));
            if (grid.x() + grid.w() > 12) {
                throw Fields.invalid(pos.name("w"), "x + w must be at most 12 (the grid has 12 columns)");
            }
        }
        String options = f.objectText("options", "{}", 16_384);
        List<Fields> lineFields = f.objects("lines", MAX_LINES);
        if (lineFields.isEmpty()) {
            throw Fields.invalid(f.name("lines"), "a chart needs at least one line");
        }
        List<Line> lines = lineFields.stream().map(Bodies::line).toList();
        return new Chart(0, dashboard, name, type, aggregation, downSample, topn, grid, options, lines, 0, 0, 0);
    }

    private static Line line(Fields f) {
        f.only(LINE);
        String metric = f.required("metric", 255);
        if (!METRIC.matcher(metric).matches()) {
            throw Fields.invalid(f.name("metric"), "'" + metric + "' is not a metric name (letters, digits, _ . -,"
                    + " not starting with a digit)");
        }
        return new Line(0, f.text("name", metric, 128), metric, f.stringMap("tags", 32, 256),
                f.integer("offset", 0, 0, 366 * 86_400));
    }

    static final Set<String> RULE = with(Set.of("name", "type", "query_range", "contacts", "level", "message",
            "data_source", "trigger", "enabled", "for_seconds", "repeat_interval_seconds", "notify_resolved",
            "severity"), "version");

    static AlarmRule rule(Fields f) {
        return new AlarmRule(0, f.required("name", 128), f.integer("type", null, 0, 3),
                f.integer("query_range", 60, 10, 86_400), f.text("contacts", "", 256), f.integer("level", 1, 0, 100),
                f.text("message", "", 512), f.objectText("data_source", null, 65_535),
                f.objectText("trigger", null, 65_535), f.bool("enabled", true),
                f.integer("for_seconds", 0, 0, 7 * 86_400), f.integer("repeat_interval_seconds", 3600, 0, 30 * 86_400),
                f.bool("notify_resolved", true), f.oneOf("severity", "warning", SEVERITIES), 0, 0, 0);
    }

    static final Set<String> CONTACT = with(Set.of("name", "phone", "mail", "wechat", "webhook_url",
            "chat_webhook"), "version");

    static Contact contact(Fields f) {
        String mail = f.text("mail", "", 255);
        if (!mail.isEmpty() && !mail.matches("[^@\\s]+@[^@\\s]+")) {
            throw Fields.invalid(f.name("mail"), "'" + mail + "' is not a mail address");
        }
        return new Contact(0, f.required("name", 255), f.text("phone", "", 255), mail, f.text("wechat", "", 255),
                url(f, "webhook_url"), url(f, "chat_webhook"), 0, 0, 0);
    }

    private static String url(Fields f, String field) {
        String u = f.text(field, "", 1024);
        if (u.isEmpty()) {
            return u;
        }
        try {
            URI uri = new URI(u);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw Fields.invalid(f.name(field), "must be an http:// or https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            throw Fields.invalid(f.name(field), "is not a URL: " + e.getReason());
        }
        return u;
    }

    static final Set<String> GROUP = with(Set.of("name", "description", "contact_ids"), "version");

    static ContactGroup group(Fields f) {
        return new ContactGroup(0, f.required("name", 255), f.text("description", "", 1024),
                f.ids("contact_ids", 1000), 0, 0, 0);
    }

    static final Set<String> SILENCE = with(Set.of("rule_id", "matchers", "starts", "ends", "comment"), "version",
            "created_by");

    static Silence silence(Fields f, long now) {
        Long rule = f.optionalNumber("rule_id", 1, Long.MAX_VALUE);
        long starts = f.number("starts", now, 0, Long.MAX_VALUE / 2);
        long ends = f.number("ends", null, 0, Long.MAX_VALUE / 2);
        if (ends <= starts) {
            throw Fields.invalid(f.name("ends"), "must be after starts (epoch milliseconds)");
        }
        return new Silence(0, rule, f.stringMap("matchers", 32, 256), starts, ends, f.text("comment", "", 1024), "",
                0, 0, 0);
    }

    static final Set<String> USER = with(Set.of("username", "password", "role", "enabled"), "version");

    static String username(Fields f) {
        String name = f.required("username", 64);
        if (!USERNAME.matcher(name).matches()) {
            throw Fields.invalid(f.name("username"), "may hold letters, digits and _ . @ - only");
        }
        return name;
    }

    /** The password field; required or not, a given one must be usable. */
    static String password(Fields f, boolean required) {
        String p = f.text("password", null, 1024);
        if (p == null && !required) {
            return null;
        }
        String problem = Passwords.problem(p);
        if (problem != null) {
            throw Fields.invalid(f.name("password"), problem);
        }
        return p;
    }

    static Role role(Fields f) {
        return Role.of(f.oneOf("role", "viewer", ROLES));
    }
}
