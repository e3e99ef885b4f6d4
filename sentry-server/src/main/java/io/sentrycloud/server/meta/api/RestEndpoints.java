package io.sentrycloud.server.meta.api;

import io.javalin.http.Context;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.meta.access.Principal;
import io.sentrycloud.server.meta.alarm.AlarmRule;
import io.sentrycloud.server.meta.alarm.ContactGroup;
import io.sentrycloud.server.meta.alarm.Silence;
import io.sentrycloud.server.meta.dashboard.Chart;
import io.sentrycloud.server.meta.dashboard.Dashboard;
import io.sentrycloud.server.meta.dashboard.DashboardRepository;
import java.time.Clock;
import java.util.List;

/**
 * {@code /api/v1} for dashboards, charts, alarm rules, contacts, contact groups, silences and alerts: list
 * ({@code ?limit=&offset=}, some with a filter), get, create (201), update (the body's {@code version} must be
 * the current one, else 409), delete (204 semantics, answered as 200 with {@code data: null}).
 */
final class RestEndpoints {

    private final Repositories repos;
    private final long maxBodyBytes;
    private final Clock clock;

    RestEndpoints(Repositories repos, long maxBodyBytes, Clock clock) {
        this.repos = repos;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    private Fields fields(Context ctx) {
        return Fields.of(Requests.body(ctx, maxBodyBytes));
    }

    private static void created(Context ctx, Object data) {
        Reply.ok(ctx, data);
        ctx.status(201);
    }

    // ---- dashboards

    void listDashboards(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.dashboards().list(ctx.queryParam("name"), Requests.limit(ctx),
                Requests.offset(ctx)), d -> Views.dashboard(d, null)));
    }

    void getDashboard(Context ctx, Principal who) {
        Dashboard d = repos.dashboards().get(Requests.id(ctx));
        Reply.ok(ctx, Views.dashboard(d, repos.charts().ofDashboard(d.id())));
    }

    void createDashboard(Context ctx, Principal who) {
        Fields f = fields(ctx).only(Bodies.DASHBOARD);
        Dashboard d = Bodies.dashboard(f);
        List<Chart> charts = f.objects("charts", 500).stream().map(c -> {
            c.only(Bodies.CHART);
            return Bodies.chart(c, 0L);
        }).toList();
        DashboardRepository.WithCharts stored = repos.dashboards().create(d, charts, repos.charts(), who.name());
        created(ctx, Views.dashboard(stored.dashboard(), stored.charts()));
    }

    void updateDashboard(Context ctx, Principal who) {
        long id = Requests.id(ctx);
        Fields f = fields(ctx).only(Bodies.DASHBOARD);
        long version = Requests.version(f);
        Dashboard d = repos.dashboards().update(id, version, Bodies.dashboard(f), who.name());
        Reply.ok(ctx, Views.dashboard(d, repos.charts().ofDashboard(id)));
    }

    void deleteDashboard(Context ctx, Principal who) {
        repos.dashboards().delete(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    // ---- charts

    void listCharts(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.charts().list(Requests.queryId(ctx, "dashboard_id"), Requests.limit(ctx),
                Requests.offset(ctx)), Views::chart));
    }

    void getChart(Context ctx, Principal who) {
        Reply.ok(ctx, Views.chart(repos.charts().get(Requests.id(ctx))));
    }

    void createChart(Context ctx, Principal who) {
        Fields f = fields(ctx).only(Bodies.CHART);
        created(ctx, Views.chart(repos.charts().create(Bodies.chart(f, null), who.name())));
    }

    void updateChart(Context ctx, Principal who) {
        long id = Requests.id(ctx);
        Fields f = fields(ctx).only(Bodies.CHART);
        long version = Requests.version(f);
        Reply.ok(ctx, Views.chart(repos.charts().update(id, version, Bodies.chart(f, null), who.name())));
    }

    void deleteChart(Context ctx, Principal who) {
        repos.charts().delete(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    // ---- alarm rules

    void listRules(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.rules().list(ctx.queryParam("name"), Requests.limit(ctx),
                Requests.offset(ctx)), Views::rule));
    }

    void getRule(Context ctx, Principal who) {
        Reply.ok(ctx, Views.rule(repos.rules().get(Requests.id(ctx))));
    }

    void createRule(Context ctx, Principal who) {
        AlarmRule r = Bodies.rule(fields(ctx).only(Bodies.RULE));
        created(ctx, Views.rule(repos.rules().create(r, who.name())));
    }

    void updateRule(Context ctx, Principal who) {
        long id = Requests.id(ctx);
        Fields f = fields(ctx).only(Bodies.RULE);
        long version = Requests.version(f);
        Reply.ok(ctx, Views.rule(repos.rules().update(id, version, Bodies.rule(f), who.name())));
    }

    void deleteRule(Context ctx, Principal who) {
        repos.rules().delete(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    // ---- contacts

    void listContacts(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.contacts().list(ctx.queryParam("name"), Requests.limit(ctx),
                Requests.offset(ctx)), Views::contact));
    }

    void getContact(Context ctx, Principal who) {
        Reply.ok(ctx, Views.contact(repos.contacts().get(Requests.id(ctx))));
    }

    void createContact(Context ctx, Principal who) {
        created(ctx, Views.contact(repos.contacts().create(Bodies.contact(fields(ctx).only(Bodies.CONTACT)),
                who.name())));
    }

    void updateContact(Context ctx, Principal who) {
        long id = Requests.id(ctx);
        Fields f = fields(ctx).only(Bodies.CONTACT);
        long version = Requests.version(f);
        Reply.ok(ctx, Views.contact(repos.contacts().update(id, version, Bodies.contact(f), who.name())));
    }

    void deleteContact(Context ctx, Principal who) {
        repos.contacts().delete(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    // ---- contact groups

    void listGroups(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.contacts().listGroups(Requests.limit(ctx), Requests.offset(ctx)),
                Views::group));
    }

    void getGroup(Context ctx, Principal who) {
        Reply.ok(ctx, Views.group(repos.contacts().getGroup(Requests.id(ctx))));
    }

    void createGroup(Context ctx, Principal who) {
        ContactGroup g = Bodies.group(fields(ctx).only(Bodies.GROUP));
        created(ctx, Views.group(repos.contacts().createGroup(g, who.name())));
    }

    void updateGroup(Context ctx, Principal who) {
        long id = Requests.id(ctx);
        Fields f = fields(ctx).only(Bodies.GROUP);
        long version = Requests.version(f);
        Reply.ok(ctx, Views.group(repos.contacts().updateGroup(id, version, Bodies.group(f), who.name())));
    }

    void deleteGroup(Context ctx, Principal who) {
        repos.contacts().deleteGroup(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    // ---- silences

    void listSilences(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.silences().list(Requests.queryId(ctx, "rule_id"), Requests.limit(ctx),
                Requests.offset(ctx)), Views::silence));
    }

    void getSilence(Context ctx, Principal who) {
        Reply.ok(ctx, Views.silence(repos.silences().get(Requests.id(ctx))));
    }

    void createSilence(Context ctx, Principal who) {
        Silence s = Bodies.silence(fields(ctx).only(Bodies.SILENCE), clock.millis());
        created(ctx, Views.silence(repos.silences().create(s, who.name())));
    }

    void updateSilence(Context ctx, Principal who) {
        long id = Requests.id(ctx);
        Fields f = fields(ctx).only(Bodies.SILENCE);
        long version = Requests.version(f);
        Reply.ok(ctx, Views.silence(repos.silences().update(id, version, Bodies.silence(f, clock.millis()),
                who.name())));
    }

    void deleteSilence(Context ctx, Principal who) {
        repos.silences().delete(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    // ---- alerts (written by the alarm evaluator, read here)

    void alertHistory(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.alerts().history(Requests.queryId(ctx, "rule_id"), Requests.limit(ctx),
                Requests.offset(ctx)), Views::alert));
    }

    void activeAlerts(Context ctx, Principal who) {
        Reply.ok(ctx, repos.alerts().active().stream().map(Views::state).toList());
    }
}
