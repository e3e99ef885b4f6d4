package io.sentrycloud.server.meta.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The statements every editable table shares: an update that only applies to the version the editor read
 * (optimistic concurrency), a delete that says when there was nothing to delete, and paged listing.
 * Table and column names come from code, never from a request; values are always bound parameters.
 */
public final class VersionedRows {

    /** Most rows one page may hold. */
    public static final int MAX_LIMIT = 1000;

    private VersionedRows() {
    }

    /**
     * {@code UPDATE table SET <assignments>, version = version + 1, updated = now WHERE id = ? AND version = ?}.
     *
     * @param assignments e.g. {@code "`name` = ?, `type` = ?"}, its values first in {@code values}
     * @return the new version
     * @throws NotFoundException        when no row has that id
     * @throws VersionConflictException when the row has another version
     */
    public static long update(Sql sql, String table, String entity, long id, long version, long now,
                              String assignments, Object... values) {
        List<Object> args = new ArrayList<>(Arrays.asList(values));
        args.add(now);
        args.add(id);
        args.add(version);
        int n = sql.update("UPDATE `" + table + "` SET " + assignments + ", `version` = `version` + 1, `updated` = ?"
                + " WHERE `id` = ? AND `version` = ?", args.toArray());
        if (n == 0) {
            long current = currentVersion(sql, table, entity, id);
            throw new VersionConflictException(entity, id, version, current);
        }
        return version + 1;
    }

    /** The version a row has now. @throws NotFoundException when there is no such row */
    public static long currentVersion(Sql sql, String table, String entity, long id) {
        return sql.one("SELECT `version` FROM `" + table + "` WHERE `id` = ?", r -> r.getLong(1), id)
                .orElseThrow(() -> new NotFoundException(entity, id));
    }

    /** Deletes one row by id. @throws NotFoundException when there was none */
    public static void delete(Sql sql, String table, String entity, long id) {
        if (sql.update("DELETE FROM `" + table + "` WHERE `id` = ?", id) == 0) {
            throw new NotFoundException(entity, id);
        }
    }

    /**
     * One page of {@code SELECT <columns> FROM table [WHERE where] ORDER BY id}, with the total count.
     *
     * @param where a condition with {@code ?} for {@code args}, or empty for all rows
     */
    public static <T> Page<T> page(Sql sql, String table, String columns, String where, RowMapper<T> mapper,
                                   int limit, int offset, Object... args) {
        String filter = where.isEmpty() ? "" : " WHERE " + where;
        long total = sql.count("SELECT COUNT(*) FROM `" + table + "`" + filter, args);
        List<Object> pageArgs = new ArrayList<>(Arrays.asList(args));
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<T> items = sql.list("SELECT " + columns + " FROM `" + table + "`" + filter
                + " ORDER BY `id` LIMIT ? OFFSET ?", mapper, pageArgs.toArray());
        return new Page<>(items, total, limit, offset);
    }

    /**
     * A {@code LIKE} pattern matching values that contain {@code text} literally (its {@code %}, {@code _} and
     * {@code !} escaped with {@code !}), lower-cased: use with {@code LOWER(col) LIKE ? ESCAPE '!'}, which
     * reads the same on SQLite and MariaDB.
     */
    public static String containsPattern(String text) {
        String escaped = text.toLowerCase(java.util.Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }
}
