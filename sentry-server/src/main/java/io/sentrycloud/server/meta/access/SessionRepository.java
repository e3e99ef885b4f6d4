package io.sentrycloud.server.meta.access;

import io.sentrycloud.server.meta.store.Db;
import java.time.Clock;
import java.util.Optional;

/**
 * Login sessions, kept in the metadata database so that every server instance sharing it serves them. The
 * cookie holds a random secret; the table holds its SHA-256, so a leaked database does not leak sessions.
 */
public final class SessionRepository {

    private final Db db;
    private final Clock clock;

    public SessionRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A session just opened: the cookie value, its CSRF token and when it ends (epoch ms). */
    public record Opened(String cookie, String csrfToken, long expires) {
    }

    /** Opens a session of {@code userId} for {@code hours}; also drops every expired session. */
    public Opened open(long userId, int hours) {
        long now = clock.millis();
        String cookie = Passwords.randomSecret(32);
        String csrf = Passwords.randomSecret(24);
        long expires = now + hours * 3_600_000L;
        db.update("DELETE FROM `user_session` WHERE `expires` <= ?", now);
        db.update("INSERT INTO `user_session` (`id_hash`, `user_id`, `csrf_token`, `created`, `expires`)"
                + " VALUES (?, ?, ?, ?, ?)", TokenRepository.sha256(cookie), userId, csrf, now, expires);
        return new Opened(cookie, csrf, expires);
    }

    /** Who holds the session of this cookie value, if it is open and its user enabled. */
    public Optional<Principal> find(String cookie) {
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        return db.one("SELECT u.`id`, u.`username`, u.`role`, s.`csrf_token` FROM `user_session` s"
                        + " JOIN `app_user` u ON u.`id` = s.`user_id` WHERE s.`id_hash` = ? AND s.`expires` > ?"
                        + " AND u.`enabled` = 1", r -> new Principal(r.getLong(1), r.getString(2), Role.of(r.getString(3)),
                        r.getString(4)), TokenRepository.sha256(cookie), clock.millis());
    }

    /** Ends the session of this cookie value (logout). */
    public void close(String cookie) {
        if (cookie != null && !cookie.isEmpty()) {
            db.update("DELETE FROM `user_session` WHERE `id_hash` = ?", TokenRepository.sha256(cookie));
        }
    }
}
