package io.sentrycloud.server.meta.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.server.config.MetaConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the metadata database must do on every back end: migrate from empty to latest, keep values verbatim,
 * commit or roll back whole transactions, report duplicate keys, cascade deletes. Subclasses pick the back end.
 */
abstract class MetaStoreContract {

    static final List<String> TABLES = List.of("role", "app_user", "api_token", "user_session", "dashboard",
            "chart", "line", "alarm_contact", "contact_group", "contact_group_member", "alarm_rule", "silence",
            "alert_state", "alert_history", "metric_white_list", "server_instance", "lease", "audit_log", "setting");

    @TempDir
    Path dataDir;

    MetaStore store;
    MetaConfig config;

    /** The configuration of a new, empty database of this back end. */
    abstract MetaConfig newDatabase();

    @BeforeEach
    void open() {
        config = newDatabase();
        store = MetaStore.open(config, dataDir);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void migratesAnEmptyDatabaseToTheLatestSchema() {
        for (String table : TABLES) {
            assertThat(store.db().count("SELECT COUNT(*) FROM `" + table + "`"))
                    .as(table).isGreaterThanOrEqualTo(0);
        }
        List<String> applied = store.db().list(
                "SELECT `version` FROM `flyway_schema_history` WHERE `success` = 1 ORDER BY `installed_rank`",
                r -> r.getString(1));
        assertThat(applied).startsWith("1").doesNotHaveDuplicates(); // V1, then the later ones (V1_1 alarm engine)
        assertThat(store.db().list("SELECT `name` FROM `role` ORDER BY `name`", r -> r.getString(1)))
                .containsExactly("admin", "editor", "viewer");
    }

    @Test
    void reopeningAMigratedDatabaseAppliesNothingAndKeepsTheData() {
        insertDashboard("kept");
        long migrations = store.db().count("SELECT COUNT(*) FROM `flyway_schema_history`");
        store.close();
        store = MetaStore.open(config, dataDir);
        assertThat(store.db().count("SELECT COUNT(*) FROM `flyway_schema_history`")).isEqualTo(migrations);
        assertThat(store.db().list("SELECT `name` FROM `dashboard`", r -> r.getString(1))).containsExactly("kept");
    }

    @Test
    void hostileStringsAreStoredVerbatim() {
        List<String> hostile = List.of("'; DROP TABLE dashboard; --", "\" OR 1=1 --", "x` ; DELETE FROM `role",
                "\\'\\\"", "名前 ünïcödé 🚀", "%_");
        for (String s : hostile) {
            insertDashboard(s);
        }
        assertThat(store.db().list("SELECT `name` FROM `dashboard` ORDER BY `id`", r -> r.getString(1)))
                .containsExactlyElementsOf(hostile);
        assertThat(store.db().count("SELECT COUNT(*) FROM `dashboard` WHERE `name` LIKE ?", "%_"))
                .isEqualTo(hostile.size());
        assertThat(store.db().count("SELECT COUNT(*) FROM `role`")).isEqualTo(3);
    }

    @Test
    void aTransactionCommitsWholeOrNotAtAll() {
        assertThatThrownBy(() -> store.db().transaction(tx -> {
            insertDashboard(tx, "first");
            insertDashboard(tx, "first"); // unique name: fails
            return null;
        })).isInstanceOf(DuplicateException.class);
        assertThat(store.db().count("SELECT COUNT(*) FROM `dashboard`")).isZero();

        long id = store.db().transaction(tx -> insertDashboard(tx, "second"));
        assertThat(store.db().one("SELECT `name` FROM `dashboard` WHERE `id` = ?", r -> r.getString(1), id))
                .contains("second");
    }

    @Test
    void deletingADashboardDeletesItsChartsAndLines() {
        long dashboard = insertDashboard("d");
        long chart = store.db().insert("INSERT INTO `chart` (`created`, `updated`, `dashboard_id`, `name`, `type`,"
                + " `aggregation`, `down_sample`, `options`) VALUES (1, 1, ?, 'c', 'line', 'sum', '10s', '{}')",
                dashboard);
        store.db().insert("INSERT INTO `line` (`chart_id`, `position`, `name`, `metric`, `tags`, `offset`)"
                + " VALUES (?, 0, 'l', 'm', '{}', 0)", chart);
        assertThat(store.db().update("DELETE FROM `dashboard` WHERE `id` = ?", dashboard)).isEqualTo(1);
        assertThat(store.db().count("SELECT COUNT(*) FROM `chart`")).isZero();
        assertThat(store.db().count("SELECT COUNT(*) FROM `line`")).isZero();
    }

    @Test
    void aChartOfAMissingDashboardIsRefused() {
        assertThatThrownBy(() -> store.db().insert("INSERT INTO `chart` (`created`, `updated`, `dashboard_id`,"
                + " `name`, `type`, `aggregation`, `down_sample`, `options`)"
                + " VALUES (1, 1, 999, 'c', 'line', 'sum', '10s', '{}')"))
                .isInstanceOf(MetaStoreException.class);
    }

    private long insertDashboard(String name) {
        return insertDashboard(store.db(), name);
    }

    private static long insertDashboard(Sql sql, String name) {
        return sql.insert("INSERT INTO `dashboard` (`created`, `updated`, `name`) VALUES (?, ?, ?)", 1L, 1L, name);
    }
}
