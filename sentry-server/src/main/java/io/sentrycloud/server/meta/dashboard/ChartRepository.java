package io.sentrycloud.server.meta.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.server.meta.store.AuditLog;
import io.sentrycloud.server.meta.store.BadReferenceException;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.NotFoundException;
import io.sentrycloud.server.meta.store.Page;
import io.sentrycloud.server.meta.store.RowMapper;
import io.sentrycloud.server.meta.store.Sql;
import io.sentrycloud.server.meta.store.VersionedRows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Charts with their lines; a chart's lines are written and read with it, in one transaction. */
public final class ChartRepository {

    static final String TABLE = "chart";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> TAGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "`id`, `dashboard_id`, `name`, `type`, `aggregation`, `down_sample`,"
            + " `topn_limit`, `grid_x`, `grid_y`, `grid_w`, `grid_h`, `options`, `version`, `created`, `updated`";
    /** A chart row without its lines (they are read next). */
    private static final RowMapper<Chart> ROW = r -> new Chart(r.getLong(1), r.getLong(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6), r.getInt(7),
            new Chart.Grid(r.getInt(8), r.getInt(9), r.getInt(10), r.getInt(11)), r.getString(12), List.of(),
            r.getLong(13), r.getLong(14), r.getLong(15));
    private static final RowMapper<Line> LINE = r -> new Line(r.getLong(1), r.getString(2), r.getString(3),
            tags(r.getString(4)), r.getInt(5));

    private final Db db;
    private final Clock clock;

    public ChartRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A page of charts by id, of one dashboard when {@code dashboardId} is not null. */
    public Page<Chart> list(Long dashboardId, int limit, int offset) {
        Page<Chart> rows = dashboardId == null
                ? VersionedRows.page(db, TABLE, COLUMNS, "", ROW, limit, offset)
                : VersionedRows.page(db, TABLE, COLUMNS, "`dashboard_id` = ?", ROW, limit, offset, dashboardId);
        return rows.map(c -> withLines(db, c));
    }

    /** Every chart of a dashboard with its lines, by id. */
    public List<Chart> ofDashboard(long dashboardId) {
        return ofDashboard(db, dashboardId);
    }

    static List<Chart> ofDashboard(Sql sql, long dashboardId) {
        return sql.list("SELECT " + COLUMNS + " FROM `chart` WHERE `dashboard_id` = ? ORDER BY `id`", ROW,
                dashboardId).stream().map(c -> withLines(sql, c)).toList();
    }

    public Optional<Chart> find(long id) {
        return find(db, id);
    }

    static Optional<Chart> find(Sql sql, long id) {
        return sql.one("SELECT " + COLUMNS + " FROM `chart` WHERE `id` = ?", ROW, id).map(c -> withLines(sql, c));
    }

    public Chart get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException(TABLE, id));
    }

    /** Stores a new chart and its lines. @throws BadReferenceException when its dashboard does not exist */
    public Chart create(Chart c, String actor) {
        return db.transaction(tx -> create(tx, c, actor));
    }

    Chart create(Sql tx, Chart c, String actor) {
        requireDashboard(tx, c.dashboardId());
        long now = clock.millis();
        long id = tx.insert("INSERT INTO `chart` (`created`, `updated`, `version`, `dashboard_id`, `name`, `type`,"
                        + " `aggregation`, `down_sample`, `topn_limit`, `grid_x`, `grid_y`, `grid_w`, `grid_h`,"
                        + " `options`) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", now, now, c.dashboardId(),
                c.name(), c.type(), c.aggregation(), c.downSample(), c.topnLimit(), c.grid().x(), c.grid().y(),
                c.grid().w(), c.grid().h(), c.options());
        List<Line> lines = insertLines(tx, id, c.lines());
        AuditLog.record(tx, now, actor, "create", TABLE, id, c.name());
        return c.stored(id, 1, now, now, lines);
    }

    /**
     * Replaces chart {@code id} (its lines too) if it still has {@code version}.
     *
     * @throws NotFoundException                                          no such chart
     * @throws io.sentrycloud.server.meta.store.VersionConflictException someone else updated it first
     */
    public Chart update(long id, long version, Chart c, String actor) {
        return db.transaction(tx -> {
            requireDashboard(tx, c.dashboardId());
            long now = clock.millis();
            VersionedRows.update(tx, TABLE, TABLE, id, version, now, "`dashboard_id` = ?, `name` = ?, `type` = ?,"
                            + " `aggregation` = ?, `down_sample` = ?, `topn_limit` = ?, `grid_x` = ?, `grid_y` = ?,"
                            + " `grid_w` = ?, `grid_h` = ?, `options` = ?", c.dashboardId(), c.name(), c.type(),
                    c.aggregation(), c.downSample(), c.topnLimit(), c.grid().x(), c.grid().y(), c.grid().w(),
                    c.grid().h(), c.options());
            tx.update("DELETE FROM `line` WHERE `chart_id` = ?", id);
            insertLines(tx, id, c.lines());
            AuditLog.record(tx, now, actor, "update", TABLE, id, c.name());
            return find(tx, id).orElseThrow(() -> new NotFoundException(TABLE, id));
        });
    }

    /**
     * Moves charts on their dashboard's grid (the original's {@code chart_layout} edit) without touching their
     * content; each moved chart's version goes up. Charts of other dashboards are refused.
     */
    public void move(long dashboardId, Map<Long, Chart.Grid> places, String actor) {
        db.transaction(tx -> {
            long now = clock.millis();
            for (var e : places.entrySet()) {
                int n = tx.update("UPDATE `chart` SET `grid_x` = ?, `grid_y` = ?, `grid_w` = ?, `grid_h` = ?,"
                                + " `version` = `version` + 1, `updated` = ? WHERE `id` = ? AND `dashboard_id` = ?",
                        e.getValue().x(), e.getValue().y(), e.getValue().w(), e.getValue().h(), now, e.getKey(),
                        dashboardId);
                if (n == 0) {
                    throw new BadReferenceException("chart_layout", "chart " + e.getKey()
                            + " is not a chart of dashboard " + dashboardId);
                }
            }
            AuditLog.record(tx, now, actor, "update", DashboardRepository.TABLE, dashboardId,
                    "layout of " + places.size() + " charts");
            return null;
        });
    }

    /** Deletes a chart with its lines. @throws NotFoundException no such chart */
    public void delete(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, TABLE, TABLE, id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, "");
            return null;
        });
    }

    private static void requireDashboard(Sql tx, long dashboardId) {
        if (tx.count("SELECT COUNT(*) FROM `dashboard` WHERE `id` = ?", dashboardId) == 0) {
            throw new BadReferenceException("dashboard_id", "dashboard " + dashboardId + " does not exist");
        }
    }

    private static List<Line> insertLines(Sql tx, long chartId, List<Line> lines) {
        List<Line> stored = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            long id = tx.insert("INSERT INTO `line` (`chart_id`, `position`, `name`, `metric`, `tags`, `offset`)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", chartId, i, l.name(), l.metric(), json(l.tags()), l.offset());
            stored.add(new Line(id, l.name(), l.metric(), l.tags(), l.offset()));
        }
        return stored;
    }

    private static Chart withLines(Sql sql, Chart c) {
        List<Line> lines = sql.list("SELECT `id`, `name`, `metric`, `tags`, `offset` FROM `line`"
                + " WHERE `chart_id` = ? ORDER BY `position`, `id`", LINE, c.id());
        return c.stored(c.id(), c.version(), c.created(), c.updated(), lines);
    }

    /** The tags of a line as stored: a JSON object of strings, keys sorted (the original's {@code tags}). */
    static String json(Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> tags(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, TAGS);
        } catch (JsonProcessingException e) {
            // rows are validated on the way in; a hand-edited row must not break every dashboard that lists it
            return Map.of();
        }
    }
}
