package io.sentrycloud.server.meta.store;

import java.util.List;
import java.util.Optional;

/**
 * Parameterised SQL on the metadata database: every value travels as a bound parameter, never as SQL text.
 * Parameters may be {@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean} (stored 0/1)
 * or null. A unique-key violation surfaces as {@link DuplicateException} (field unknown: the caller names it),
 * any other failure as {@link MetaStoreException}.
 */
public interface Sql {

    /** All rows of a query. */
    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args);

    /** The first row of a query, if any. */
    default <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = list(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The single number a {@code SELECT COUNT(*)} (or similar) answers. */
    default long count(String sql, Object... args) {
        return one(sql, r -> r.getLong(1), args).orElse(0L);
    }

    /** Runs an INSERT, UPDATE or DELETE; answers the number of rows it touched. */
    int update(String sql, Object... args);

    /** Runs an INSERT into a table with an auto-increment id; answers the new id. */
    long insert(String sql, Object... args);
}
