package io.sentrycloud.server.meta.store;

import java.util.List;

/** Who changed what, written in the same transaction as the change itself. */
public final class AuditLog {

    /** One change. {@code action} is create, update, delete, login, import. */
    public record Entry(long id, long at, String actor, String action, String entity, String entityId,
                        String detail) {
    }

    private final Db db;
    private final java.time.Clock clock;

    public AuditLog(Db db, java.time.Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a change inside the caller's transaction. */
    public static void record(Sql sql, long at, String actor, String action, String entity, Object entityId,
                              String detail) {
        String d = detail == null ? "" : detail;
        sql.insert("INSERT INTO `audit_log` (`at`, `actor`, `action`, `entity`, `entity_id`, `detail`)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", at, truncate(actor, 64), action, entity,
                String.valueOf(entityId), truncate(d, 2048));
    }

    /** Records an event that is not a change of an entity (a login), on its own. */
    public void record(String actor, String action) {
        // who logged in when belongs in the same log as what they changed
        record(db, clock.millis(), actor, action, "session", "", "");
    }

    /** The newest entries first; optionally only of one entity kind. */
    public Page<Entry> list(String entity, int limit, int offset) {
        String where = entity == null || entity.isEmpty() ? "" : "`entity` = ?";
        Object[] args = where.isEmpty() ? new Object[0] : new Object[]{entity};
        long total = db.count("SELECT COUNT(*) FROM `audit_log`" + (where.isEmpty() ? "" : " WHERE " + where), args);
        Object[] pageArgs = where.isEmpty() ? new Object[]{limit, offset} : new Object[]{entity, limit, offset};
        List<Entry> items = db.list("SELECT `id`, `at`, `actor`, `action`, `entity`, `entity_id`, `detail`"
                + " FROM `audit_log`" + (where.isEmpty() ? "" : " WHERE " + where)
                + " ORDER BY `id` DESC LIMIT ? OFFSET ?", r -> new Entry(r.getLong(1), r.getLong(2), r.getString(3),
                r.getString(4), r.getString(5), r.getString(6), r.getString(7)), pageArgs);
        return new Page<>(items, total, limit, offset);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
