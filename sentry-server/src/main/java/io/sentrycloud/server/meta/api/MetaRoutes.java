package io.sentrycloud.server.meta.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.sentrycloud.server.config.AuthConfig;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.http.Api;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.meta.access.AccessControl;
import io.sentrycloud.server.meta.access.LoginThrottle;
import io.sentrycloud.server.meta.access.Passwords;
import io.sentrycloud.server.meta.access.Principal;
import io.sentrycloud.server.meta.access.Role;
import io.sentrycloud.server.meta.provision.ProvisioningSource;
import io.sentrycloud.server.meta.store.BadReferenceException;
import io.sentrycloud.server.meta.store.ConflictException;
import io.sentrycloud.server.meta.store.DuplicateException;
import io.sentrycloud.server.meta.store.MetaStore;
import io.sentrycloud.server.meta.store.MetaStoreException;
import io.sentrycloud.server.meta.store.NotFoundException;
import io.sentrycloud.server.meta.store.Settings;
import io.sentrycloud.server.meta.store.VersionConflictException;
import io.sentrycloud.server.selfmon.ServerStats;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metadata route, in one place, with the role each needs; and the start-up work the routes rely on
 * (the first admin user).
 *
 * <pre>
 * POST /api/v1/login  POST /api/v1/logout  GET /api/v1/me
 * /api/v1/dashboards, /charts, /alarm-rules, /contacts, /contact-groups, /silences   (viewer reads, editor writes)
 *     GET ?limit=&amp;offset=   POST   GET /{id}   PUT /{id} (with "version")   DELETE /{id}
 * GET /api/v1/alerts/history, /api/v1/alerts/active                               (viewer)
 * GET /api/v1/export, POST /api/v1/import (dashboards+charts, rules, contacts, groups) (editor)
 * /api/v1/users, /api/v1/tokens (same verbs; a token has no PUT), GET /api/v1/audit   (admin)
 * /server/api/dashboard|chart|alarmRule|contact|metricWhiteList  GET list, PUT add, POST update, DELETE
 * POST /server/api/chartList
 * </pre>
 */
public final class MetaRoutes {

    private static final Logger log = LoggerFactory.getLogger(MetaRoutes.class);

    private final Repositories repos;
    private final AccessControl access;
    private final RestEndpoints rest;
    private final AccessEndpoints accounts;
    private final OriginalEndpoints original;
    private final Transfer transfer;
    private final ServerStats stats;

    /** A handler that needs to know who calls. */
    @FunctionalInterface
    interface Secured {
        void handle(Context ctx, Principal who) throws Exception;
    }

    private MetaRoutes(Repositories repos, AuthConfig auth, long maxBodyBytes, ServerStats stats, Clock clock) {
        this.repos = repos;
        this.stats = stats;
        this.access = new AccessControl(auth, repos.sessions(), repos.tokens());
        this.rest = new RestEndpoints(repos, maxBodyBytes, clock);
        this.accounts = new AccessEndpoints(repos, access,
                new LoginThrottle(auth.loginAttemptsPerMinute(), clock), maxBodyBytes);
        this.original = new OriginalEndpoints(repos, maxBodyBytes);
        this.transfer = new Transfer(repos, maxBodyBytes, clock);
    }

    /**
     * Creates the first admin when there is no user, provisions the built-in dashboards (once) and the files of
     * {@code meta.provisioning_dir}, then registers every metadata route on {@code app} (the original's counted
     * in {@code stats} under their {@link Api} names, as the original's self-monitoring did), and the ingest
     * token check on every path of {@code ingestPaths} (putMetrics and the other protocols' ingest routes).
     *
     * @throws IllegalArgumentException naming the file and field of a bad provisioning file
     */
    public static MetaRoutes register(Javalin app, MetaStore store, ServerConfig config, ServerStats stats,
                                      List<String> ingestPaths,
                                      Clock clock) {
        MetaRoutes routes = new MetaRoutes(Repositories.of(store, clock), config.auth(),
                config.http().maxBodyBytes(), stats, clock);
        routes.ensureAdmin(config.auth());
        String dir = config.meta().provisioningDir();
        routes.transfer.provision(ProvisioningSource.files(dir == null || dir.isBlank() ? null : Path.of(dir)),
                new Settings(store.db(), clock));
        routes.registerOn(app, ingestPaths);
        return routes;
    }

    /** The repositories these routes serve (for provisioning and for the alarm evaluator). */
    public Repositories repositories() {
        return repos;
    }

    private void ensureAdmin(AuthConfig auth) {
        if (repos.users().count() > 0) {
            return;
        }
        boolean generated = auth.adminPassword() == null || auth.adminPassword().isEmpty();
        String password = generated ? Passwords.randomSecret(12) : auth.adminPassword();
        try {
            repos.users().create("admin", password, Role.ADMIN, true, "system");
        } catch (DuplicateException e) {
            return; // another instance sharing the database created it at the same moment
        }
        if (generated) {
            log.warn("created user 'admin' with password '{}' — shown this once; change it"
                    + " (PUT /api/v1/users/{id}) or set auth.admin_password before the first start", password);
        } else {
            log.info("created user 'admin' with the password of auth.admin_password");
        }
    }

    private Handler as(Role needed, Secured action) {
        return ctx -> action.handle(ctx, access.require(ctx, needed));
    }

    private void crud(Javalin app, String path, Secured list, Secured get, Secured create, Secured update,
                      Secured delete, Role read, Role write) {
        app.get(path, as(read, list));
        app.post(path, as(write, create));
        app.get(path + "/{id}", as(read, get));
        if (update != null) {
            app.put(path + "/{id}", as(write, update));
        }
        app.delete(path + "/{id}", as(write, delete));
    }

    private void registerOn(Javalin app, List<String> ingestPaths) {
        ingestPaths.forEach(path -> app.before(path, access::requireIngest));

        app.post("/api/v1/login", accounts::login);
        app.post("/api/v1/logout", accounts::logout);
        app.get("/api/v1/me", as(Role.VIEWER, accounts::me));

        crud(app, "/api/v1/dashboards", rest::listDashboards, rest::getDashboard, rest::createDashboard,
                rest::updateDashboard, rest::deleteDashboard, Role.VIEWER, Role.EDITOR);
        crud(app, "/api/v1/charts", rest::listCharts, rest::getChart, rest::createChart, rest::updateChart,
                rest::deleteChart, Role.VIEWER, Role.EDITOR);
        crud(app, "/api/v1/alarm-rules", rest::listRules, rest::getRule, rest::createRule, rest::updateRule,
                rest::deleteRule, Role.VIEWER, Role.EDITOR);
        crud(app, "/api/v1/contacts", rest::listContacts, rest::getContact, rest::createContact, rest::updateContact,
                rest::deleteContact, Role.VIEWER, Role.EDITOR);
        crud(app, "/api/v1/contact-groups", rest::listGroups, rest::getGroup, rest::createGroup, rest::updateGroup,
                rest::deleteGroup, Role.VIEWER, Role.EDITOR);
        crud(app, "/api/v1/silences", rest::listSilences, rest::getSilence, rest::createSilence, rest::updateSilence,
                rest::deleteSilence, Role.VIEWER, Role.EDITOR);
        app.get("/api/v1/alerts/history", as(Role.VIEWER, rest::alertHistory));
        app.get("/api/v1/alerts/active", as(Role.VIEWER, rest::activeAlerts));

        crud(app, "/api/v1/users", accounts::listUsers, accounts::getUser, accounts::createUser, accounts::updateUser,
                accounts::deleteUser, Role.ADMIN, Role.ADMIN);
        // a token cannot be changed (no PUT): delete it and create another
        crud(app, "/api/v1/tokens", accounts::listTokens, accounts::getToken, accounts::createToken, null,
                accounts::deleteToken, Role.ADMIN, Role.ADMIN);
        app.get("/api/v1/audit", as(Role.ADMIN, accounts::audit));
        // an export holds contacts' phone numbers and mail addresses: editors only
        app.get("/api/v1/export", as(Role.EDITOR, transfer::export));
        app.post("/api/v1/import", as(Role.EDITOR, transfer::importDocument));

        original(app, Api.DASHBOARD, original::listDashboards, original::addDashboard,
                original::updateDashboard, original::deleteDashboard);
        original(app, Api.CHART, original::getChart, original::addChart, original::updateChart,
                original::deleteChart);
        app.post(Api.CHART_LIST.path(), timed(Api.CHART_LIST, as(Role.VIEWER, original::chartList)));
        original(app, Api.ALARM_RULE, original::listRules, original::addRule, original::updateRule,
                original::deleteRule);
        original(app, Api.CONTACT, original::listContacts, original::addContact, original::updateContact,
                original::deleteContact);
        original(app, Api.METRIC_WHITE_LIST, original::listWhiteList, original::addWhiteList,
                original::updateWhiteList, original::deleteWhiteList);

        app.exception(NotFoundException.class, (e, ctx) ->
                Reply.send(ctx, 404, ApiCode.NOT_FOUND, e.getMessage(), null));
        app.exception(VersionConflictException.class, (e, ctx) ->
                Reply.send(ctx, 409, ApiCode.CONFLICT, e.getMessage(), Map.of("field", "version",
                        "current_version", e.current())));
        app.exception(ConflictException.class, (e, ctx) ->
                Reply.send(ctx, 409, ApiCode.CONFLICT, e.getMessage(), Map.of("field", e.field())));
        app.exception(BadReferenceException.class, (e, ctx) ->
                Reply.send(ctx, 400, ApiCode.INVALID_PARAMETER, e.field() + ": " + e.getMessage(),
                        Map.of("field", e.field())));
        app.exception(MetaStoreException.class, (e, ctx) -> {
            log.error("{} {}: metadata database failed", ctx.method(), ctx.path(), e);
            Reply.send(ctx, 503, ApiCode.META_DB_ERROR, "the metadata database failed: " + e.getMessage(), null);
        });
    }

    /** The original's verbs: GET list (or get), PUT add, POST update, DELETE delete. */
    private void original(Javalin app, Api api, Secured get, Secured add, Secured update, Secured delete) {
        app.get(api.path(), timed(api, as(Role.VIEWER, get)));
        app.put(api.path(), timed(api, as(Role.EDITOR, add)));
        app.post(api.path(), timed(api, as(Role.EDITOR, update)));
        app.delete(api.path(), timed(api, as(Role.EDITOR, delete)));
    }

    /** Counts and times every request of {@code api}, whatever its outcome. */
    private Handler timed(Api api, Handler handler) {
        return ctx -> {
            long t0 = System.nanoTime();
            try {
                handler.handle(ctx);
            } finally {
                stats.recordRequest(api, System.nanoTime() - t0);
            }
        };
    }
}
