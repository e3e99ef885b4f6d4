package io.sentrycloud.server.meta.access;

import io.javalin.http.Context;
import io.sentrycloud.server.config.AuthConfig;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import java.util.Optional;

/**
 * Tells who a request comes from and refuses it when that role may not do what it asks.
 * <ul>
 *   <li>{@code Authorization: Bearer <token>}: an API token of scope {@code api} acts as its user;</li>
 *   <li>the {@value #COOKIE} cookie of a login session; then every request that changes something must also
 *       carry the session's CSRF token in the {@value #CSRF_HEADER} header (a page of another site can make
 *       the browser send the cookie, but cannot read the token);</li>
 *   <li>nothing: anonymous, allowed to read when {@code auth.anonymous_read} is on.</li>
 * </ul>
 * With {@code auth.enabled} off, every request may do everything.
 */
public final class AccessControl {

    /** The session cookie (HttpOnly, SameSite=Strict). */
    public static final String COOKIE = "sentry_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = "sentry.principal";

    private final AuthConfig config;
    private final SessionRepository sessions;
    private final TokenRepository tokens;

    public AccessControl(AuthConfig config, SessionRepository sessions, TokenRepository tokens) {
        this.config = config;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    public AuthConfig config() {
        return config;
    }

    /**
     * The caller, who must have at least {@code needed}.
     *
     * @throws ApiException 401 without valid credentials, 403 for a too-small role or a missing CSRF token
     */
    public Principal require(Context ctx, Role needed) {
        if (!config.enabled()) {
            return Principal.anonymous(Role.ADMIN);
        }
        Principal p = identify(ctx).orElse(null);
        if (p == null) {
            if (needed == Role.VIEWER && config.anonymousRead()) {
                return Principal.anonymous(Role.VIEWER);
            }
            throw new ApiException(401, ApiCode.UNAUTHORIZED, "log in (POST /api/v1/login) or send an API token"
                    + " (Authorization: Bearer <token>) to " + (needed == Role.VIEWER ? "read" : "change") + " this");
        }
        if (!p.role().allows(needed)) {
            throw new ApiException(403, ApiCode.FORBIDDEN, "user '" + p.name() + "' has role " + p.role().id()
                    + "; this needs " + needed.id());
        }
        if (p.csrfToken() != null && changes(ctx) && !p.csrfToken().equals(ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, ApiCode.FORBIDDEN, "a request with a session cookie that changes something"
                    + " must carry the session's CSRF token (from the login answer) in the " + CSRF_HEADER + " header");
        }
        return p;
    }

    /** The caller if it presented valid credentials (no role check). */
    public Optional<Principal> identify(Context ctx) {
        Principal cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Principal> p;
        String bearer = bearer(ctx);
        if (bearer != null) {
            TokenRepository.Authenticated t = tokens.authenticate(bearer).orElseThrow(() -> new ApiException(401,
                    ApiCode.UNAUTHORIZED, "the API token is unknown, expired or of a disabled user"));
            if (!ApiToken.SCOPE_API.equals(t.token().scope())) {
                throw new ApiException(403, ApiCode.FORBIDDEN, "token '" + t.token().name() + "' has scope "
                        + t.token().scope() + ": it may only send points (putMetrics)");
            }
            p = Optional.of(t.principal());
        } else {
            String cookie = ctx.cookie(COOKIE);
            p = cookie == null ? Optional.empty() : sessions.find(cookie);
            if (cookie != null && p.isEmpty()) {
                throw new ApiException(401, ApiCode.UNAUTHORIZED, "the login session has ended; log in again");
            }
        }
        p.ifPresent(v -> ctx.attribute(ATTRIBUTE, v));
        return p;
    }

    /**
     * Refuses a putMetrics request without a token of scope {@code ingest} or {@code api} when
     * {@code auth.ingest_token_required} is on (a no-op otherwise). The token may also come as {@code ?token=}
     * for senders that cannot set headers.
     */
    public void requireIngest(Context ctx) {
        if (!config.ingestTokenRequired()) {
            return;
        }
        String secret = bearer(ctx);
        if (secret == null) {
            secret = ctx.queryParam("token");
        }
        if (secret == null) {
            throw new ApiException(401, ApiCode.UNAUTHORIZED, "this server requires an API token to send points:"
                    + " Authorization: Bearer <token> or ?token=<token> (auth.ingest_token_required)");
        }
        if (tokens.authenticate(secret).isEmpty()) {
            throw new ApiException(401, ApiCode.UNAUTHORIZED, "the API token is unknown, expired or of a disabled"
                    + " user");
        }
    }

    private static boolean changes(Context ctx) {
        String m = ctx.method().name();
        return !m.equals("GET") && !m.equals("HEAD") && !m.equals("OPTIONS");
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }
}
