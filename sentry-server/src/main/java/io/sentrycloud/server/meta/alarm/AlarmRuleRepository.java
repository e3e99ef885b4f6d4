package io.sentrycloud.server.meta.alarm;

import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.DuplicateException;
import io.sentrycloud.server.meta.store.NotFoundException;
import io.sentrycloud.server.meta.store.Page;
import io.sentrycloud.server.meta.store.RowMapper;
import io.sentrycloud.server.meta.store.Sql;
import io.sentrycloud.server.meta.store.VersionedRows;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Alarm rules; {@link #changedSince} lets an evaluator reload only what changed, as the original does. */
public final class AlarmRuleRepository {

    static final String TABLE = "alarm_rule";
    private static final String COLUMNS = "`id`, `name`, `type`, `query_range`, `contacts`, `level`, `message`,"
            + " `data_source`, `trigger`, `enabled`, `for_seconds`, `repeat_interval_seconds`, `notify_resolved`,"
            + " `severity`, `version`, `created`, `updated`";
    private static final RowMapper<AlarmRule> ROW = r -> new AlarmRule(r.getLong(1), r.getString(2), r.getInt(3),
            r.getInt(4), r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getString(9),
            r.getInt(10) != 0, r.getInt(11), r.getInt(12), r.getInt(13) != 0, r.getString(14), r.getLong(15),
            r.getLong(16), r.getLong(17));

    private final Db db;
    private final Clock clock;

    public AlarmRuleRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A page of rules by id; {@code nameContains} (may be empty) filters by name. */
    public Page<AlarmRule> list(String nameContains, int limit, int offset) {
        if (nameContains == null || nameContains.isEmpty()) {
            return VersionedRows.page(db, TABLE, COLUMNS, "", ROW, limit, offset);
        }
        return VersionedRows.page(db, TABLE, COLUMNS, "LOWER(`name`) LIKE ? ESCAPE '!'", ROW, limit, offset,
                VersionedRows.containsPattern(nameContains));
    }

    /** Every rule, by id. */
    public List<AlarmRule> all() {
        return db.list("SELECT " + COLUMNS + " FROM `alarm_rule` ORDER BY `id`", ROW);
    }

    /** Rules created or updated at or after {@code sinceMillis} (deleted ones are simply absent from {@link #all}). */
    public List<AlarmRule> changedSince(long sinceMillis) {
        return db.list("SELECT " + COLUMNS + " FROM `alarm_rule` WHERE `updated` >= ? ORDER BY `id`", ROW,
                sinceMillis);
    }

    public Optional<AlarmRule> find(long id) {
        return find(db, id);
    }

    private static Optional<AlarmRule> find(Sql sql, long id) {
        return sql.one("SELECT " + COLUMNS + " FROM `alarm_rule` WHERE `id` = ?", ROW, id);
    }

    public Optional<AlarmRule> findByName(String name) {
        return db.one("SELECT " + COLUMNS + " FROM `alarm_rule` WHERE `name` = ?", ROW, name);
    }

    public AlarmRule get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException(TABLE, id));
    }

    /** Stores a new rule (id, version and times of {@code r} are ignored). */
    public AlarmRule create(AlarmRule r, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            long id;
            try {
                id = tx.insert("INSERT INTO `alarm_rule` (`created`, `updated`, `version`, `name`, `type`,"
                                + " `query_range`, `contacts`, `level`, `message`, `data_source`, `trigger`, `enabled`,"
                                + " `for_seconds`, `repeat_interval_seconds`, `notify_resolved`, `severity`)"
                                + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", now, now, r.name(), r.type(),
                        r.queryRange(), r.contacts(), r.level(), r.message(), r.dataSource(), r.trigger(),
                        r.enabled(), r.forSeconds(), r.repeatIntervalSeconds(), r.notifyResolved(), r.severity());
            } catch (DuplicateException e) {
                throw duplicateName(r.name());
            }
            AuditLog.record(tx, now, actor, "create", TABLE, id, r.name());
            return find(tx, id).orElseThrow(() -> new NotFoundException(TABLE, id));
        });
    }

    /** Replaces rule {@code id} if it still has {@code version}. */
    public AlarmRule update(long id, long version, AlarmRule r, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            try {
                VersionedRows.update(tx, TABLE, "alarm rule", id, version, now, "`name` = ?, `type` = ?,"
                                + " `query_range` = ?, `contacts` = ?, `level` = ?, `message` = ?, `data_source` = ?,"
                                + " `trigger` = ?, `enabled` = ?, `for_seconds` = ?, `repeat_interval_seconds` = ?,"
                                + " `notify_resolved` = ?, `severity` = ?", r.name(), r.type(), r.queryRange(),
                        r.contacts(), r.level(), r.message(), r.dataSource(), r.trigger(), r.enabled(),
                        r.forSeconds(), r.repeatIntervalSeconds(), r.notifyResolved(), r.severity());
            } catch (DuplicateException e) {
                throw duplicateName(r.name());
            }
            AuditLog.record(tx, now, actor, "update", TABLE, id, r.name());
            return find(tx, id).orElseThrow(() -> new NotFoundException(TABLE, id));
        });
    }

    public void delete(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, TABLE, "alarm rule", id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, "");
            return null;
        });
    }

    private static DuplicateException duplicateName(String name) {
        return new DuplicateException("name", "an alarm rule named '" + name + "' exists already");
    }
}
