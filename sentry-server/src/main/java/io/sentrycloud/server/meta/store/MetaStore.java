package io.sentrycloud.server.meta.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sentrycloud.server.config.MetaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The open metadata database: a HikariCP pool, migrated to the latest schema by Flyway when opened.
 */
public final class MetaStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetaStore.class);

    private final HikariDataSource pool;
    private final Db db;
    private final String description;

    private MetaStore(HikariDataSource pool, Dialect dialect, String description) {
        this.pool = pool;
        this.db = new Db(pool, dialect);
        this.description = description;
    }

    /**
     * Opens the database {@code config} names (the SQLite file defaulting to {@code dataDir/meta.db}) and applies
     * the migrations it lacks.
     *
     * @throws MetaStoreException when the database cannot be reached or migrated
     */
    public static MetaStore open(MetaConfig config, Path dataDir) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("sentry-meta");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        Dialect dialect;
        String description;
        if (config.isMariaDb()) {
            dialect = Dialect.MARIADB;
            hikari.setJdbcUrl(config.url());
            hikari.setUsername(config.user());
            hikari.setPassword(config.password());
            description = config.url();
        } else {
            dialect = Dialect.SQLITE;
            Path file = config.sqliteFile(dataDir).toAbsolutePath().normalize();
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of " + file, e);
            }
            hikari.setDataSource(sqlite(file));
            description = "sqlite " + file;
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new MetaStoreException("cannot open the metadata database " + description + ": " + e.getMessage(),
                    e);
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.placeholders())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            log.info("metadata database {}: schema version {} ({} migrations applied now)", description,
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            pool.close();
            throw new MetaStoreException("cannot migrate the metadata database " + description + ": "
                    + e.getMessage(), e);
        }
        return new MetaStore(pool, dialect, description);
    }

    /**
     * SQLite set up for a pool: WAL (readers do not wait for the writer), a busy timeout (writers queue instead of
     * failing), foreign keys enforced, and every transaction taking the write lock when it begins, so two
     * transactions never deadlock upgrading from read to write.
     */
    private static SQLiteDataSource sqlite(Path file) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** Runs SQL on the pool. */
    public Db db() {
        return db;
    }

    public Dialect dialect() {
        return db.dialect();
    }

    /** Where the data lives, for logs: the SQLite file or the JDBC URL. */
    public String description() {
        return description;
    }

    /** Closes the pool; waits for borrowed connections to come back. */
    @Override
    public void close() {
        pool.close();
    }
}
