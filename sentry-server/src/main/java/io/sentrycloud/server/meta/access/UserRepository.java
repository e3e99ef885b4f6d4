package io.sentrycloud.server.meta.access;

import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.ConflictException;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.DuplicateException;
import io.sentrycloud.server.meta.store.NotFoundException;
import io.sentrycloud.server.meta.store.Page;
import io.sentrycloud.server.meta.store.RowMapper;
import io.sentrycloud.server.meta.store.Sql;
import io.sentrycloud.server.meta.store.VersionedRows;
import java.time.Clock;
import java.util.Optional;

/** User accounts. The last enabled admin can be neither deleted, disabled nor demoted. */
public final class UserRepository {

    static final String TABLE = "app_user";
    private static final String COLUMNS = "`id`, `username`, `role`, `enabled`, `version`, `created`, `updated`";
    private static final RowMapper<User> ROW = r -> new User(r.getLong(1), r.getString(2), Role.of(r.getString(3)),
            r.getInt(4) != 0, r.getLong(5), r.getLong(6), r.getLong(7));

    /** Checked against when the user does not exist, so that answer takes as long as a wrong password. */
    private static final String DUMMY_HASH = Passwords.hash(Passwords.randomSecret(16));

    private final Db db;
    private final Clock clock;

    public UserRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Page<User> list(int limit, int offset) {
        return VersionedRows.page(db, TABLE, COLUMNS, "", ROW, limit, offset);
    }

    public long count() {
        return db.count("SELECT COUNT(*) FROM `app_user`");
    }

    public Optional<User> find(long id) {
        return find(db, id);
    }

    private static Optional<User> find(Sql sql, long id) {
        return sql.one("SELECT " + COLUMNS + " FROM `app_user` WHERE `id` = ?", ROW, id);
    }

    public Optional<User> findByName(String username) {
        return db.one("SELECT " + COLUMNS + " FROM `app_user` WHERE `username` = ?", ROW, username);
    }

    public User get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    /** The enabled user with that name and password, if the password matches. */
    public Optional<User> authenticate(String username, String password) {
        Optional<String> hash = db.one("SELECT `password_hash` FROM `app_user` WHERE `username` = ? AND `enabled` = 1",
                r -> r.getString(1), username);
        if (hash.isEmpty()) {
            // spend the same time as a real check, so response times do not tell which user names exist
            Passwords.matches(password, DUMMY_HASH);
            return Optional.empty();
        }
        return Passwords.matches(password, hash.get()) ? findByName(username) : Optional.empty();
    }

    /** @throws DuplicateException when the name is taken */
    public User create(String username, String password, Role role, boolean enabled, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            long id;
            try {
                id = tx.insert("INSERT INTO `app_user` (`created`, `updated`, `version`, `username`, `password_hash`,"
                        + " `role`, `enabled`) VALUES (?, ?, 1, ?, ?, ?, ?)", now, now, username, Passwords.hash(password),
                        role.id(), enabled);
            } catch (DuplicateException e) {
                throw new DuplicateException("username", "a user named '" + username + "' exists already");
            }
            AuditLog.record(tx, now, actor, "create", TABLE, id, username + " as " + role.id());
            return new User(id, username, role, enabled, 1, now, now);
        });
    }

    /**
     * Changes role, enabled and (when {@code newPassword} is not null) the password of user {@code id}.
     *
     * @throws ConflictException when that would leave no enabled admin
     */
    public User update(long id, long version, Role role, boolean enabled, String newPassword, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            User before = find(tx, id).orElseThrow(() -> new NotFoundException("user", id));
            if (before.role() == Role.ADMIN && before.enabled() && (role != Role.ADMIN || !enabled)) {
                requireAnotherAdmin(tx, id);
            }
            if (newPassword == null) {
                VersionedRows.update(tx, TABLE, "user", id, version, now, "`role` = ?, `enabled` = ?", role.id(),
                        enabled);
            } else {
                VersionedRows.update(tx, TABLE, "user", id, version, now, "`role` = ?, `enabled` = ?,"
                        + " `password_hash` = ?", role.id(), enabled, Passwords.hash(newPassword));
                // a new password ends the sessions opened with the old one
                tx.update("DELETE FROM `user_session` WHERE `user_id` = ?", id);
            }
            AuditLog.record(tx, now, actor, "update", TABLE, id, before.username() + " as " + role.id()
                    + (enabled ? "" : ", disabled") + (newPassword == null ? "" : ", new password"));
            return find(tx, id).orElseThrow(() -> new NotFoundException("user", id));
        });
    }

    /** Deletes a user with their sessions and tokens. @throws ConflictException for the last admin */
    public void delete(long id, String actor) {
        db.transaction(tx -> {
            User before = find(tx, id).orElseThrow(() -> new NotFoundException("user", id));
            if (before.role() == Role.ADMIN && before.enabled()) {
                requireAnotherAdmin(tx, id);
            }
            VersionedRows.delete(tx, TABLE, "user", id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, before.username());
            return null;
        });
    }

    private static void requireAnotherAdmin(Sql tx, long id) {
        if (tx.count("SELECT COUNT(*) FROM `app_user` WHERE `role` = 'admin' AND `enabled` = 1 AND `id` <> ?",
                id) == 0) {
            throw new ConflictException("role", "user " + id + " is the last enabled admin; make another user admin"
                    + " first");
        }
    }
}
