package io.sentrycloud.server.meta.access;

import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.BadReferenceException;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.NotFoundException;
import io.sentrycloud.server.meta.store.Page;
import io.sentrycloud.server.meta.store.RowMapper;
import io.sentrycloud.server.meta.store.VersionedRows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API tokens. A secret is {@code sntr_} and 32 random bytes; it has full entropy, so a plain SHA-256 of it
 * (looked up by equality) is as safe to store as a slow password hash and costs nothing per request.
 */
public final class TokenRepository {

    static final String TABLE = "api_token";
    static final String SECRET_PREFIX = "sntr_";
    private static final String COLUMNS = "`id`, `name`, `prefix`, `user_id`, `scope`, `created`, `expires`,"
            + " `last_used`";
    private static final RowMapper<ApiToken> ROW = r -> {
        long e = r.getLong(7);
        Long expires = r.wasNull() ? null : e;
        long u = r.getLong(8);
        Long used = r.wasNull() ? null : u;
        return new ApiToken(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5),
                r.getLong(6), expires, used);
    };

    private final Db db;
    private final Clock clock;

    public TokenRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Page<ApiToken> list(int limit, int offset) {
        return VersionedRows.page(db, TABLE, COLUMNS, "", ROW, limit, offset);
    }

    public ApiToken get(long id) {
        return db.one("SELECT " + COLUMNS + " FROM `api_token` WHERE `id` = ?", ROW, id)
                .orElseThrow(() -> new NotFoundException("token", id));
    }

    /** Creates a token of {@code userId}; the answer holds the secret, shown this once. */
    public ApiToken.Created create(String name, long userId, String scope, Long expires, String actor) {
        String secret = SECRET_PREFIX + Passwords.randomSecret(32);
        String prefix = secret.substring(0, SECRET_PREFIX.length() + 6);
        return db.transaction(tx -> {
            if (tx.count("SELECT COUNT(*) FROM `app_user` WHERE `id` = ?", userId) == 0) {
                throw new BadReferenceException("user_id", "user " + userId + " does not exist");
            }
            long now = clock.millis();
            long id = tx.insert("INSERT INTO `api_token` (`created`, `name`, `token_hash`, `prefix`, `user_id`, `scope`,"
                    + " `expires`) VALUES (?, ?, ?, ?, ?, ?, ?)", now, name, sha256(secret), prefix, userId, scope, expires);
            AuditLog.record(tx, now, actor, "create", TABLE, id, name + " (" + scope + ") of user " + userId);
            return new ApiToken.Created(new ApiToken(id, name, prefix, userId, scope, now, expires, null), secret);
        });
    }

    public void delete(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, TABLE, "token", id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, "");
            return null;
        });
    }

    /**
     * The token and its (enabled) user for a secret, if it exists and has not expired.
     */
    public Optional<Authenticated> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<Authenticated> found = db.one("SELECT t.`id`, t.`name`, t.`prefix`, t.`user_id`, t.`scope`,"
                + " t.`created`, t.`expires`, t.`last_used`, u.`username`, u.`role` FROM `api_token` t"
                + " JOIN `app_user` u ON u.`id` = t.`user_id` WHERE t.`token_hash` = ? AND u.`enabled` = 1", r -> {
                    ApiToken token = ROW.map(r);
                    return new Authenticated(token, new Principal(token.userId(), r.getString(9),
                            Role.of(r.getString(10)), null));
                }, sha256(secret));
        if (found.isEmpty() || (found.get().token().expires() != null && found.get().token().expires() <= now)) {
            return Optional.empty();
        }
        Long used = found.get().token().lastUsed();
        if (used == null || now - used > 60_000) {
            db.update("UPDATE `api_token` SET `last_used` = ? WHERE `id` = ?", now, found.get().token().id());
        }
        return found;
    }

    /** A token that authenticated a request, and who it acts as. */
    public record Authenticated(ApiToken token, Principal principal) {
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
