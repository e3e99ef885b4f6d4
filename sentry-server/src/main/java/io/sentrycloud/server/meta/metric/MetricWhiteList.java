package io.sentrycloud.server.meta.metric;

import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.NotFoundException;
import io.sentrycloud.server.meta.store.RowMapper;
import io.sentrycloud.server.meta.store.VersionedRows;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The metric white list table. */
public final class MetricWhiteList {

    static final String TABLE = "metric_white_list";
    private static final String COLUMNS = "`id`, `metric`, `creator`, `app_name`, `version`, `created`, `updated`";
    private static final RowMapper<WhiteListedMetric> ROW = r -> new WhiteListedMetric(r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getLong(5), r.getLong(6), r.getLong(7));

    private final Db db;
    private final Clock clock;

    public MetricWhiteList(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<WhiteListedMetric> all() {
        return db.list("SELECT " + COLUMNS + " FROM `metric_white_list` ORDER BY `id`", ROW);
    }

    public Optional<WhiteListedMetric> find(long id) {
        return db.one("SELECT " + COLUMNS + " FROM `metric_white_list` WHERE `id` = ?", ROW, id);
    }

    public WhiteListedMetric add(String metric, String creator, String appName, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            long id = tx.insert("INSERT INTO `metric_white_list` (`created`, `updated`, `version`, `metric`, `creator`,"
                    + " `app_name`) VALUES (?, ?, 1, ?, ?, ?)", now, now, metric, creator, appName);
            AuditLog.record(tx, now, actor, "create", TABLE, id, metric);
            return new WhiteListedMetric(id, metric, creator, appName, 1, now, now);
        });
    }

    /** Replaces an entry whatever its version (the original has none). */
    public WhiteListedMetric update(long id, String metric, String creator, String appName, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            long version = VersionedRows.currentVersion(tx, TABLE, "metric white list entry", id);
            VersionedRows.update(tx, TABLE, "metric white list entry", id, version, now,
                    "`metric` = ?, `creator` = ?, `app_name` = ?", metric, creator, appName);
            AuditLog.record(tx, now, actor, "update", TABLE, id, metric);
            return tx.one("SELECT " + COLUMNS + " FROM `metric_white_list` WHERE `id` = ?", ROW, id)
                    .orElseThrow(() -> new NotFoundException(TABLE, id));
        });
    }

    public void delete(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, TABLE, "metric white list entry", id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, "");
            return null;
        });
    }
}
