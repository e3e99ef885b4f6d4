package io.sentrycloud.server.meta.api;

import io.javalin.http.Context;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.meta.access.Principal;
import io.sentrycloud.server.meta.alarm.AlarmRule;
import io.sentrycloud.server.meta.alarm.Contact;
import io.sentrycloud.server.meta.dashboard.Chart;
import io.sentrycloud.server.meta.dashboard.Dashboard;
import io.sentrycloud.server.meta.dashboard.Line;
import io.sentrycloud.server.meta.metric.WhiteListedMetric;
import io.sentrycloud.server.meta.store.NotFoundException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's metadata endpoints ({@code pkg/server/web/mysql}): GET lists, PUT adds, POST updates (the body
 * carries the {@code id}), DELETE deletes ({@code {"id": n}}); rows in the original's shape (times as RFC 3339,
 * {@code is_deleted}, JSON documents as strings, a dashboard's {@code chart_layout} list). Unknown request fields
 * are ignored as the original's decoder does; an update applies whatever the current version is (the original
 * has no versions).
 */
final class OriginalEndpoints {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Repositories repos;
    private final long maxBodyBytes;

    OriginalEndpoints(Repositories repos, long maxBodyBytes) {
        this.repos = repos;
        this.maxBodyBytes = maxBodyBytes;
    }

    private Fields fields(Context ctx) {
        return Fields.of(Requests.body(ctx, maxBodyBytes));
    }

    private static long bodyId(Fields f) {
        return f.number("id", null, 1, Long.MAX_VALUE);
    }

    // ---- dashboard

    void listDashboards(Context ctx, Principal who) {
        Reply.ok(ctx, repos.dashboards().all().stream()
                .map(d -> dashboard(d, repos.charts().ofDashboard(d.id()))).toList());
    }

    void addDashboard(Context ctx, Principal who) {
        Dashboard d = repos.dashboards().create(Bodies.dashboard(fields(ctx)), who.name());
        Reply.ok(ctx, dashboard(d, List.of()));
    }

    /** Updates the dashboard, and moves its charts to where its {@code chart_layout} puts them. */
    void updateDashboard(Context ctx, Principal who) {
        Fields f = fields(ctx);
        long id = bodyId(f);
        Dashboard current = repos.dashboards().get(id);
        Dashboard d = repos.dashboards().update(id, current.version(), Bodies.dashboard(f), who.name());
        Map<Long, Chart.Grid> layout = Layouts.parse(f);
        if (!layout.isEmpty()) {
            repos.charts().move(id, layout, who.name());
        }
        Reply.ok(ctx, dashboard(d, repos.charts().ofDashboard(id)));
    }

    void deleteDashboard(Context ctx, Principal who) {
        repos.dashboards().delete(bodyId(fields(ctx)), who.name());
        Reply.ok(ctx, null);
    }

    // ---- chart

    void getChart(Context ctx, Principal who) {
        long id = Requests.positive("id", String.valueOf(ctx.queryParam("id")));
        Reply.ok(ctx, chart(repos.charts().get(id), true));
    }

    void addChart(Context ctx, Principal who) {
        Reply.ok(ctx, chart(repos.charts().create(Bodies.chart(fields(ctx), null), who.name()), true));
    }

    void updateChart(Context ctx, Principal who) {
        Fields f = fields(ctx);
        long id = bodyId(f);
        Chart current = repos.charts().get(id);
        Chart proposed = Bodies.chart(f, null);
        if (f.object("position") == null) {
            // the original's chart has no position: it stays where the dashboard layout put it
            proposed = new Chart(0, proposed.dashboardId(), proposed.name(), proposed.type(), proposed.aggregation(),
                    proposed.downSample(), proposed.topnLimit(), current.grid(), proposed.options(), proposed.lines(),
                    0, 0, 0);
        }
        Reply.ok(ctx, chart(repos.charts().update(id, current.version(), proposed, who.name()), true));
    }

    void deleteChart(Context ctx, Principal who) {
        repos.charts().delete(bodyId(fields(ctx)), who.name());
        Reply.ok(ctx, null);
    }

    /** {@code POST {"dashboard_id": n}}: the dashboard's charts. */
    void chartList(Context ctx, Principal who) {
        long dashboard = fields(ctx).number("dashboard_id", null, 0, Long.MAX_VALUE);
        Reply.ok(ctx, repos.charts().ofDashboard(dashboard).stream().map(c -> chart(c, true)).toList());
    }

    // ---- alarm rule, contact, metric white list

    void listRules(Context ctx, Principal who) {
        Reply.ok(ctx, repos.rules().all().stream().map(OriginalEndpoints::rule).toList());
    }

    void addRule(Context ctx, Principal who) {
        Reply.ok(ctx, rule(repos.rules().create(Bodies.rule(fields(ctx)), who.name())));
    }

    void updateRule(Context ctx, Principal who) {
        Fields f = fields(ctx);
        long id = bodyId(f);
        long version = repos.rules().get(id).version();
        Reply.ok(ctx, rule(repos.rules().update(id, version, Bodies.rule(f), who.name())));
    }

    void deleteRule(Context ctx, Principal who) {
        repos.rules().delete(bodyId(fields(ctx)), who.name());
        Reply.ok(ctx, null);
    }

    void listContacts(Context ctx, Principal who) {
        Reply.ok(ctx, repos.contacts().all().stream().map(OriginalEndpoints::contact).toList());
    }

    void addContact(Context ctx, Principal who) {
        Reply.ok(ctx, contact(repos.contacts().create(Bodies.contact(fields(ctx)), who.name())));
    }

    void updateContact(Context ctx, Principal who) {
        Fields f = fields(ctx);
        long id = bodyId(f);
        long version = repos.contacts().get(id).version();
        Reply.ok(ctx, contact(repos.contacts().update(id, version, Bodies.contact(f), who.name())));
    }

    void deleteContact(Context ctx, Principal who) {
        repos.contacts().delete(bodyId(fields(ctx)), who.name());
        Reply.ok(ctx, null);
    }

    void listWhiteList(Context ctx, Principal who) {
        Reply.ok(ctx, repos.whiteList().all().stream().map(OriginalEndpoints::whiteListed).toList());
    }

    void addWhiteList(Context ctx, Principal who) {
        Fields f = fields(ctx);
        Reply.ok(ctx, whiteListed(repos.whiteList().add(f.required("metric", 255), f.text("creator", "", 255),
                f.text("app_name", "", 255), who.name())));
    }

    void updateWhiteList(Context ctx, Principal who) {
        Fields f = fields(ctx);
        long id = bodyId(f);
        repos.whiteList().find(id).orElseThrow(() -> new NotFoundException("metric white list entry", id));
        Reply.ok(ctx, whiteListed(repos.whiteList().update(id, f.required("metric", 255), f.text("creator", "", 255),
                f.text("app_name", "", 255), who.name())));
    }

    void deleteWhiteList(Context ctx, Principal who) {
        repos.whiteList().delete(bodyId(fields(ctx)), who.name());
        Reply.ok(ctx, null);
    }

    // ---- the original's row shapes

    private static Map<String, Object> entity(long id, long created, long updated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("created", time(created));
        m.put("updated", time(updated));
        m.put("is_deleted", 0);
        return m;
    }

    static String time(long millis) {
        return RFC3339.format(Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    static Map<String, Object> dashboard(Dashboard d, List<Chart> charts) {
        Map<String, Object> m = entity(d.id(), d.created(), d.updated());
        m.put("name", d.name());
        m.put("creator", d.creator());
        m.put("app_name", d.appName());
        m.put("chart_layout", Layouts.render(charts));
        m.put("tag_filter", d.tagFilter());
        m.put("saved_status", d.savedStatus());
        m.put("version", d.version());
        return m;
    }

    static Map<String, Object> chart(Chart c, boolean withLines) {
        Map<String, Object> m = entity(c.id(), c.created(), c.updated());
        m.put("dashboard_id", c.dashboardId());
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("aggregation", c.aggregation());
        m.put("down_sample", c.downSample());
        m.put("topn_limit", c.topnLimit());
        m.put("version", c.version());
        if (withLines) {
            m.put("lines", c.lines().stream().map(l -> line(c, l)).toList());
        }
        return m;
    }

    private static Map<String, Object> line(Chart c, Line l) {
        Map<String, Object> m = entity(l.id(), c.created(), c.updated());
        m.put("chart_id", c.id());
        m.put("name", l.name());
        m.put("metric", l.metric());
        m.put("tags", Layouts.json(l.tags()));
        m.put("offset", l.offset());
        return m;
    }

    static Map<String, Object> rule(AlarmRule r) {
        Map<String, Object> m = entity(r.id(), r.created(), r.updated());
        m.put("name", r.name());
        m.put("type", r.type());
        m.put("query_range", r.queryRange());
        m.put("contacts", r.contacts());
        m.put("level", r.level());
        m.put("message", r.message());
        m.put("data_source", r.dataSource());
        m.put("trigger", r.trigger());
        m.put("enabled", r.enabled());
        m.put("for_seconds", r.forSeconds());
        m.put("repeat_interval_seconds", r.repeatIntervalSeconds());
        m.put("notify_resolved", r.notifyResolved());
        m.put("severity", r.severity());
        m.put("version", r.version());
        return m;
    }

    static Map<String, Object> contact(Contact c) {
        Map<String, Object> m = entity(c.id(), c.created(), c.updated());
        m.put("name", c.name());
        m.put("phone", c.phone());
        m.put("mail", c.mail());
        m.put("wechat", c.wechat());
        m.put("webhook_url", c.webhookUrl());
        m.put("chat_webhook", c.chatWebhook());
        m.put("version", c.version());
        return m;
    }

    static Map<String, Object> whiteListed(WhiteListedMetric w) {
        Map<String, Object> m = entity(w.id(), w.created(), w.updated());
        m.put("metric", w.metric());
        m.put("creator", w.creator());
        m.put("app_name", w.appName());
        return m;
    }
}
