package io.sentrycloud.server.meta.alarm;

import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.Page;
import io.sentrycloud.server.meta.store.RowMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The alerts' current state (one row per rule and series) and their history (append-only). */
public final class AlertRepository {

    private static final RowMapper<AlertRecord> RECORD = r -> {
        long rule = r.getLong(3);
        Long ruleId = r.wasNull() ? null : rule;
        double v = r.getDouble(7);
        Double value = r.wasNull() ? null : v;
        return new AlertRecord(r.getLong(1), r.getLong(2), ruleId, r.getString(4), r.getString(5), r.getString(6),
                value, r.getString(8), r.getString(9));
    };
    private static final RowMapper<AlertState> STATE = r -> {
        double v = r.getDouble(6);
        Double value = r.wasNull() ? null : v;
        long n = r.getLong(7);
        Long notified = r.wasNull() ? null : n;
        return new AlertState(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getInt(5), value,
                notified, r.getLong(8));
    };
    private static final String STATE_COLUMNS = "`rule_id`, `series`, `state`, `since`, `error_count`, `last_value`,"
            + " `last_notified`, `updated`";

    private final Db db;

    public AlertRepository(Db db) {
        this.db = db;
    }

    /** Appends a history entry; answers its id. */
    public long record(AlertRecord r) {
        return db.insert("INSERT INTO `alert_history` (`at`, `rule_id`, `rule_name`, `series`, `state`, `value`,"
                        + " `message`, `notified`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.at(), r.ruleId(), r.ruleName(),
                r.series(), r.state(), r.value(), r.message(), r.notified());
    }

    /** History, newest first; of one rule when {@code ruleId} is not null. */
    public Page<AlertRecord> history(Long ruleId, int limit, int offset) {
        String where = ruleId == null ? "" : " WHERE `rule_id` = ?";
        Object[] args = ruleId == null ? new Object[0] : new Object[]{ruleId};
        long total = db.count("SELECT COUNT(*) FROM `alert_history`" + where, args);
        Object[] pageArgs = ruleId == null ? new Object[]{limit, offset} : new Object[]{ruleId, limit, offset};
        List<AlertRecord> items = db.list("SELECT `id`, `at`, `rule_id`, `rule_name`, `series`, `state`, `value`,"
                + " `message`, `notified` FROM `alert_history`" + where + " ORDER BY `at` DESC, `id` DESC"
                + " LIMIT ? OFFSET ?", RECORD, pageArgs);
        return new Page<>(items, total, limit, offset);
    }

    /** Writes the state of one series of one rule (insert or replace). */
    public void saveState(AlertState s) {
        String hash = sha256(s.series());
        db.transaction(tx -> {
            int n = tx.update("UPDATE `alert_state` SET `series` = ?, `state` = ?, `since` = ?, `error_count` = ?,"
                            + " `last_value` = ?, `last_notified` = ?, `updated` = ? WHERE `rule_id` = ? AND `series_hash` = ?",
                    s.series(), s.state(), s.since(), s.errorCount(), s.lastValue(), s.lastNotified(), s.updated(),
                    s.ruleId(), hash);
            if (n == 0) {
                tx.update("INSERT INTO `alert_state` (`rule_id`, `series_hash`, `series`, `state`, `since`,"
                                + " `error_count`, `last_value`, `last_notified`, `updated`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        s.ruleId(), hash, s.series(), s.state(), s.since(), s.errorCount(), s.lastValue(),
                        s.lastNotified(), s.updated());
            }
            return null;
        });
    }

    /** The states of one rule's series. */
    public List<AlertState> states(long ruleId) {
        return db.list("SELECT " + STATE_COLUMNS + " FROM `alert_state` WHERE `rule_id` = ? ORDER BY `series`", STATE,
                ruleId);
    }

    /** Every series not in state {@code ok}, i.e. what is pending or firing now. */
    public List<AlertState> active() {
        return db.list("SELECT " + STATE_COLUMNS + " FROM `alert_state` WHERE `state` <> 'ok'"
                + " ORDER BY `rule_id`, `series`", STATE);
    }

    /** Forgets the state of one series (it disappeared). */
    public void clearState(long ruleId, String series) {
        db.update("DELETE FROM `alert_state` WHERE `rule_id` = ? AND `series_hash` = ?", ruleId, sha256(series));
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
