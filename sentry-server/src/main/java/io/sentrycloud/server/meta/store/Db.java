package io.sentrycloud.server.meta.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@link Sql} on a connection pool: each call outside a transaction borrows a connection in autocommit mode;
 * {@link #transaction} runs a block on one connection and commits it whole or not at all.
 */
public final class Db implements Sql {

    private final DataSource pool;
    private final Dialect dialect;

    public Db(DataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = pool.getConnection()) {
            return list(c, sql, mapper, args);
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    @Override
    public int update(String sql, Object... args) {
        try (Connection c = pool.getConnection()) {
            return update(c, sql, args);
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    @Override
    public long insert(String sql, Object... args) {
        try (Connection c = pool.getConnection()) {
            return insert(c, sql, args);
        } catch (SQLException e) {
            throw translate(e, sql);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (the exception
     * goes on to the caller unchanged).
     */
    public <T> T transaction(Function<Sql, T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(new Tx(c));
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e, "COMMIT");
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private RuntimeException translate(SQLException e, String sql) {
        if (dialect.isDuplicateKey(e)) {
            return new DuplicateException("", "a row with the same key exists already");
        }
        return new MetaStoreException("metadata database error: " + e.getMessage() + " (statement: "
                + sql.strip().split("\\s+", 3)[0] + " ...)", e);
    }

    private static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no generated id for: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int at = i + 1;
            if (a == null) {
                ps.setNull(at, Types.NULL);
            } else if (a instanceof String s) {
                ps.setString(at, s);
            } else if (a instanceof Integer n) {
                ps.setInt(at, n);
            } else if (a instanceof Long n) {
                ps.setLong(at, n);
            } else if (a instanceof Double d) {
                ps.setDouble(at, d);
            } else if (a instanceof Boolean b) {
                ps.setInt(at, b ? 1 : 0);
            } else {
                throw new IllegalArgumentException("unsupported SQL parameter type " + a.getClass().getName());
            }
        }
    }

    /** The statements of one transaction, all on its connection. */
    private final class Tx implements Sql {
        private final Connection c;

        Tx(Connection c) {
            this.c = c;
        }

        @Override
        public <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
            try {
                return Db.list(c, sql, mapper, args);
            } catch (SQLException e) {
                throw translate(e, sql);
            }
        }

        @Override
        public int update(String sql, Object... args) {
            try {
                return Db.update(c, sql, args);
            } catch (SQLException e) {
                throw translate(e, sql);
            }
        }

        @Override
        public long insert(String sql, Object... args) {
            try {
                return Db.insert(c, sql, args);
            } catch (SQLException e) {
                throw translate(e, sql);
            }
        }
    }
}
