package io.sentrycloud.server.config;

import java.nio.file.Path;

/**
 * The {@code meta:} section: where dashboards, charts, alarm rules, contacts and users are kept.
 *
 * @param type        {@code sqlite} (a file, zero set-up) or {@code mariadb} (MariaDB or MySQL, for teams)
 * @param sqlitePath  the SQLite file; empty means {@code meta.db} in {@code storage.data_dir}
 * @param url         JDBC URL of the MariaDB/MySQL database, e.g. {@code jdbc:mariadb://127.0.0.1:3306/sentry}
 *                    (the MariaDB driver's scheme, also for a MySQL server)
 * @param user        database user (mariadb)
 * @param password    database password (mariadb)
 * @param poolSize    most open connections
 */
public record MetaConfig(String type, String sqlitePath, String url, String user, String password, int poolSize) {

    public MetaConfig {
        if (!"sqlite".equals(type) && !"mariadb".equals(type)) {
            throw new IllegalArgumentException("meta.type must be 'sqlite' or 'mariadb', got '" + type + "'");
        }
        if ("mariadb".equals(type)) {
            Check.notBlank("meta.url", url);
            if (!url.startsWith("jdbc:mariadb:")) {
                // the MariaDB driver talks to MySQL servers too, but only under its own scheme
                throw new IllegalArgumentException("meta.url must start with jdbc:mariadb: (also for a MySQL "
                        + "server), got '" + url + "'");
            }
        }
        Check.between("meta.pool_size", poolSize, 1, 200);
    }

    /** The SQLite file for a server whose time-series data lives in {@code dataDir}. */
    public Path sqliteFile(Path dataDir) {
        return sqlitePath == null || sqlitePath.isBlank() ? dataDir.resolve("meta.db") : Path.of(sqlitePath);
    }

    /** Whether the store is MariaDB/MySQL. */
    public boolean isMariaDb() {
        return "mariadb".equals(type);
    }
}
