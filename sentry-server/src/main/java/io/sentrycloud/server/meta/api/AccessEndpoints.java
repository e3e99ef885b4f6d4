package io.sentrycloud.server.meta.api;

import io.javalin.http.Context;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.meta.access.AccessControl;
import io.sentrycloud.server.meta.access.ApiToken;
import io.sentrycloud.server.meta.access.LoginThrottle;
import io.sentrycloud.server.meta.access.Principal;
import io.sentrycloud.server.meta.access.Role;
import io.sentrycloud.server.meta.access.SessionRepository;
import io.sentrycloud.server.meta.access.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Login and logout, the caller ({@code /me}), users, API tokens and the audit log. */
final class AccessEndpoints {

    private final Repositories repos;
    private final AccessControl access;
    private final LoginThrottle throttle;
    private final long maxBodyBytes;

    AccessEndpoints(Repositories repos, AccessControl access, LoginThrottle throttle, long maxBodyBytes) {
        this.repos = repos;
        this.access = access;
        this.throttle = throttle;
        this.maxBodyBytes = maxBodyBytes;
    }

    private Fields fields(Context ctx) {
        return Fields.of(Requests.body(ctx, maxBodyBytes));
    }

    /**
     * {@code POST /api/v1/login {"username","password"}}: opens a session (HttpOnly, SameSite=Strict cookie)
     * and answers the user with the session's {@code csrf_token}, which writes must echo in {@code X-CSRF-Token}.
     */
    void login(Context ctx) {
        Fields f = fields(ctx).only(Set.of("username", "password"));
        String username = f.required("username", 64);
        String password = f.required("password", 1024);
        long wait = throttle.retryAfterSeconds(ctx.ip(), username);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new ApiException(429, ApiCode.TOO_MANY_REQUESTS, "too many failed logins; try again in " + wait
                    + " s");
        }
        Optional<User> user = repos.users().authenticate(username, password);
        if (user.isEmpty()) {
            throttle.failed(ctx.ip(), username);
            throw new ApiException(401, ApiCode.UNAUTHORIZED, "wrong user name or password");
        }
        throttle.succeeded(username);
        SessionRepository.Opened s = repos.sessions().open(user.get().id(), access.config().sessionHours());
        ctx.header("Set-Cookie", AccessControl.COOKIE + "=" + s.cookie() + "; Path=/; Max-Age="
                + access.config().sessionHours() * 3600L + "; HttpOnly; SameSite=Strict"
                + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
        repos.audit().record(user.get().username(), "login");
        Map<String, Object> data = new LinkedHashMap<>(Views.user(user.get()));
        data.put("csrf_token", s.csrfToken());
        data.put("expires", s.expires());
        Reply.ok(ctx, data);
    }

    /** {@code POST /api/v1/logout}: ends the session and clears the cookie. */
    void logout(Context ctx) {
        repos.sessions().close(ctx.cookie(AccessControl.COOKIE));
        ctx.header("Set-Cookie", AccessControl.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        Reply.ok(ctx, null);
    }

    /** {@code GET /api/v1/me}: who the request comes from, with the role it has. */
    void me(Context ctx, Principal who) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", who.userId());
        m.put("username", who.name());
        m.put("role", who.role().id());
        m.put("anonymous", who.isAnonymous());
        m.put("auth_enabled", access.config().enabled());
        Reply.ok(ctx, m);
    }

    // ---- users (admin)

    void listUsers(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.users().list(Requests.limit(ctx), Requests.offset(ctx)), Views::user));
    }

    void getUser(Context ctx, Principal who) {
        Reply.ok(ctx, Views.user(repos.users().get(Requests.id(ctx))));
    }

    void createUser(Context ctx, Principal who) {
        Fields f = fields(ctx).only(Bodies.USER);
        User u = repos.users().create(Bodies.username(f), Bodies.password(f, true), Bodies.role(f),
                f.bool("enabled", true), who.name());
        Reply.ok(ctx, Views.user(u));
        ctx.status(201);
    }

    /** Role, enabled and optionally a new password; the user name cannot change (tokens and logs name it). */
    void updateUser(Context ctx, Principal who) {
        long id = Requests.id(ctx);
        Fields f = fields(ctx).only(Bodies.USER);
        long version = Requests.version(f);
        User current = repos.users().get(id);
        if (f.has("username") && !f.text("username", "", 64).equals(current.username())) {
            throw Fields.invalid("username", "cannot be changed; create a new user instead");
        }
        Role role = f.has("role") ? Bodies.role(f) : current.role();
        User u = repos.users().update(id, version, role, f.bool("enabled", current.enabled()),
                Bodies.password(f, false), who.name());
        Reply.ok(ctx, Views.user(u));
    }

    void deleteUser(Context ctx, Principal who) {
        repos.users().delete(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    // ---- tokens (admin)

    void listTokens(Context ctx, Principal who) {
        Reply.ok(ctx, Views.page(repos.tokens().list(Requests.limit(ctx), Requests.offset(ctx)), Views::token));
    }

    void getToken(Context ctx, Principal who) {
        Reply.ok(ctx, Views.token(repos.tokens().get(Requests.id(ctx))));
    }

    /**
     * {@code {"name", "scope": "api"|"ingest", "user_id"?, "expires"?}}: the answer's {@code secret} is shown
     * this once. Without {@code user_id} the token acts as the caller.
     */
    void createToken(Context ctx, Principal who) {
        Fields f = fields(ctx).only(Set.of("name", "scope", "user_id", "expires"));
        String name = f.required("name", 128);
        String scope = f.oneOf("scope", ApiToken.SCOPE_API, Bodies.SCOPES);
        Long userId = f.optionalNumber("user_id", 1, Long.MAX_VALUE);
        if (userId == null) {
            if (who.isAnonymous()) {
                throw Fields.invalid("user_id", "is required when authentication is off (no logged-in user)");
            }
            userId = who.userId();
        }
        Long expires = f.optionalNumber("expires", 1, Long.MAX_VALUE);
        ApiToken.Created t = repos.tokens().create(name, userId, scope, expires, who.name());
        Map<String, Object> data = new LinkedHashMap<>(Views.token(t.token()));
        data.put("secret", t.secret());
        Reply.ok(ctx, data);
        ctx.status(201);
    }

    void deleteToken(Context ctx, Principal who) {
        repos.tokens().delete(Requests.id(ctx), who.name());
        Reply.ok(ctx, null);
    }

    /** {@code GET /api/v1/audit?entity=&limit=&offset=}: newest first. */
    void audit(Context ctx, Principal who) {
        String entity = ctx.queryParam("entity");
        Reply.ok(ctx, Views.page(repos.audit().list(entity, Requests.limit(ctx), Requests.offset(ctx)),
                Views::audit));
    }
}
