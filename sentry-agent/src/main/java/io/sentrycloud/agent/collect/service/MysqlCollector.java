package io.sentrycloud.agent.collect.service;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import io.sentrycloud.agent.collect.Rates;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * One MySQL or MariaDB server, over one kept JDBC connection (re-opened after a failure):
 * {@code SHOW GLOBAL STATUS} as {@code sentry_mysql_<variable>} for the variables in {@link #GAUGES} and
 * {@link #COUNTERS} (counters also as {@code sentry_mysql_<variable>_per_second}), {@code sentry_mysql_max_connections},
 * the replication lag {@code sentry_mysql_replication_lag_seconds} on a replica (-1 while replication is stopped),
 * and {@code sentry_mysql_up}; all tagged {@code server}.
 */
public final class MysqlCollector implements Collector {

    /** Status variables reported as they are. */
    static final Set<String> GAUGES = Set.of("threads_connected", "threads_running", "threads_cached",
            "max_used_connections", "open_tables", "open_files", "innodb_buffer_pool_pages_total",
            "innodb_buffer_pool_pages_free", "innodb_buffer_pool_pages_dirty", "innodb_buffer_pool_bytes_data",
            "innodb_row_lock_current_waits", "uptime");
    /** Status variables that only grow: reported as they are and per second. */
    static final Set<String> COUNTERS = Set.of("questions", "queries", "com_select", "com_insert", "com_update",
            "com_delete", "com_commit", "com_rollback", "slow_queries", "connections", "aborted_connects",
            "aborted_clients", "bytes_received", "bytes_sent", "created_tmp_tables", "created_tmp_disk_tables",
            "opened_tables", "table_locks_waited", "innodb_buffer_pool_read_requests", "innodb_buffer_pool_reads",
            "innodb_row_lock_waits", "innodb_rows_read", "innodb_rows_inserted", "innodb_rows_updated",
            "innodb_rows_deleted", "innodb_data_read", "innodb_data_written", "select_full_join", "sort_merge_passes");

    private final String jdbcUrl;
    private final Properties credentials = new Properties();
    private final Map<String, String> tags;
    private final Rates rates = new Rates();
    private Connection connection;

    /**
     * @param url {@code mysql://user:password@host:port} (MariaDB too)
     */
    public MysqlCollector(URI url, int timeoutMillis) {
        if (!"mysql".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("a MySQL server is mysql://user:password@host:port, got " + url);
        }
        int port = url.getPort() > 0 ? url.getPort() : 3306;
        String userInfo = url.getRawUserInfo() == null ? "" : url.getRawUserInfo();
        int colon = userInfo.indexOf(':');
        credentials.setProperty("user", decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo));
        credentials.setProperty("password", colon >= 0 ? decode(userInfo.substring(colon + 1)) : "");
        credentials.setProperty("connectTimeout", Integer.toString(timeoutMillis));
        credentials.setProperty("socketTimeout", Integer.toString(timeoutMillis));
        this.jdbcUrl = "jdbc:mariadb://" + url.getHost() + ":" + port + "/";
        this.tags = Map.of("server", url.getHost() + ":" + port);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "mysql " + tags.get("server");
    }

    @Override
    public void collect(PointSink out) throws SQLException {
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(jdbcUrl, credentials);
            }
            read(connection, out);
            out.add("sentry_mysql_up", tags, 1);
        } catch (SQLException e) {
            out.add("sentry_mysql_up", tags, 0);
            close();
            throw e;
        }
    }

    private void read(Connection c, PointSink out) throws SQLException {
        long now = System.nanoTime();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS")) {
                while (rs.next()) {
                    String name = rs.getString(1).toLowerCase(Locale.ROOT);
                    boolean counter = COUNTERS.contains(name);
                    if (!counter && !GAUGES.contains(name)) {
                        continue;
                    }
                    double v;
                    try {
                        v = Double.parseDouble(rs.getString(2));
                    } catch (NumberFormatException | NullPointerException e) {
                        continue;
                    }
                    out.add("sentry_mysql_" + name, tags, v);
                    if (counter) {
                        out.add("sentry_mysql_" + name + "_per_second", tags, rates.perSecond(name, (long) v, now));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES LIKE 'max_connections'")) {
                if (rs.next()) {
                    out.add("sentry_mysql_max_connections", tags, rs.getDouble(2));
                }
            }
            replicationLag(st, out);
        }
    }

    /** {@code SHOW SLAVE STATUS} (MariaDB and MySQL before 8.0.22 name it so; both still accept it). */
    private void replicationLag(Statement st, PointSink out) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return; // not a replica
            }
            Map<String, Integer> columns = new HashMap<>();
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            Integer col = columns.get("seconds_behind_master");
            if (col != null) {
                String lag = rs.getString(col);
                out.add("sentry_mysql_replication_lag_seconds", tags, lag == null ? -1 : Double.parseDouble(lag));
            }
        } catch (SQLException e) {
            if (e.getErrorCode() != 1227) { // 1227: no REPLICATION CLIENT privilege: not an error of the server
                throw e;
            }
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being dropped anyway
            }
            connection = null;
        }
    }
}
