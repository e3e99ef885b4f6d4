package io.sentrycloud.server.meta.dashboard;

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

/** Dashboards in the metadata database; deleting one deletes its charts. */
public final class DashboardRepository {

    static final String TABLE = "dashboard";
    private static final String COLUMNS = "`id`, `name`, `creator`, `app_name`, `tag_filter`, `saved_status`,"
            + " `version`, `created`, `updated`";
    private static final RowMapper<Dashboard> ROW = r -> new Dashboard(r.getLong(1), r.getString(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getLong(7), r.getLong(8),
            r.getLong(9));

    private final Db db;
    private final Clock clock;

    public DashboardRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A page of dashboards by id; {@code nameContains} (may be empty) filters by name. */
    public Page<Dashboard> list(String nameContains, int limit, int offset) {
        if (nameContains == null || nameContains.isEmpty()) {
            return VersionedRows.page(db, TABLE, COLUMNS, "", ROW, limit, offset);
        }
        return VersionedRows.page(db, TABLE, COLUMNS, "LOWER(`name`) LIKE ? ESCAPE '!'", ROW, limit, offset,
                VersionedRows.containsPattern(nameContains));
    }

    /** Every dashboard, by id (the original's list). */
    public List<Dashboard> all() {
        return db.list("SELECT " + COLUMNS + " FROM `dashboard` ORDER BY `id`", ROW);
    }

    public Optional<Dashboard> find(long id) {
        return find(db, id);
    }

    static Optional<Dashboard> find(Sql sql, long id) {
        return sql.one("SELECT " + COLUMNS + " FROM `dashboard` WHERE `id` = ?", ROW, id);
    }

    /** The dashboard of that name, if any. */
    public Optional<Dashboard> findByName(String name) {
        return db.one("SELECT " + COLUMNS + " FROM `dashboard` WHERE `name` = ?", ROW, name);
    }

    public Dashboard get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException(TABLE, id));
    }

    /** Stores a new dashboard. @throws DuplicateException when the name is taken */
    public Dashboard create(Dashboard d, String actor) {
        return db.transaction(tx -> create(tx, d, actor));
    }

    /**
     * Stores a new dashboard with its charts in one transaction (each chart's dashboard id is set to the new
     * one); answers the dashboard and the stored charts.
     */
    public WithCharts create(Dashboard d, List<Chart> charts, ChartRepository chartRepository, String actor) {
        return db.transaction(tx -> {
            Dashboard stored = create(tx, d, actor);
            List<Chart> storedCharts = charts.stream()
                    .map(c -> chartRepository.create(tx, c.onDashboard(stored.id()), actor)).toList();
            return new WithCharts(stored, storedCharts);
        });
    }

    /** A dashboard and its charts. */
    public record WithCharts(Dashboard dashboard, List<Chart> charts) {
    }

    Dashboard create(Sql tx, Dashboard d, String actor) {
        long now = clock.millis();
        long id;
        try {
            id = tx.insert("INSERT INTO `dashboard` (`created`, `updated`, `version`, `name`, `creator`, `app_name`,"
                    + " `tag_filter`, `saved_status`) VALUES (?, ?, 1, ?, ?, ?, ?, ?)", now, now, d.name(),
                    d.creator(), d.appName(), d.tagFilter(), d.savedStatus());
        } catch (DuplicateException e) {
            throw duplicateName(d.name());
        }
        AuditLog.record(tx, now, actor, "create", TABLE, id, d.name());
        return new Dashboard(id, d.name(), d.creator(), d.appName(), d.tagFilter(), d.savedStatus(), 1, now, now);
    }

    /**
     * Replaces the content of dashboard {@code id} if it still has {@code version}.
     *
     * @throws NotFoundException                                            no such dashboard
     * @throws io.sentrycloud.server.meta.store.VersionConflictException   someone else updated it first
     * @throws DuplicateException                                           the new name is taken
     */
    public Dashboard update(long id, long version, Dashboard d, String actor) {
        return db.transaction(tx -> {
            long now = clock.millis();
            try {
                VersionedRows.update(tx, TABLE, TABLE, id, version, now, "`name` = ?, `creator` = ?, `app_name` = ?,"
                        + " `tag_filter` = ?, `saved_status` = ?", d.name(), d.creator(), d.appName(), d.tagFilter(),
                        d.savedStatus());
            } catch (DuplicateException e) {
                throw duplicateName(d.name());
            }
            AuditLog.record(tx, now, actor, "update", TABLE, id, d.name());
            return find(tx, id).orElseThrow(() -> new NotFoundException(TABLE, id));
        });
    }

    /** Deletes a dashboard with its charts. @throws NotFoundException no such dashboard */
    public void delete(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, TABLE, TABLE, id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, "");
            return null;
        });
    }

    private static DuplicateException duplicateName(String name) {
        return new DuplicateException("name", "a dashboard named '" + name + "' exists already");
    }
}
