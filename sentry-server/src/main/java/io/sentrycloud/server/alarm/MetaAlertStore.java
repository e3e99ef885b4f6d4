package io.sentrycloud.server.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.alarm.notify.Delivery;
import io.sentrycloud.alarm.notify.DeliveryStatus;
import io.sentrycloud.alarm.notify.Notification;
import io.sentrycloud.alarm.notify.Outbox;
import io.sentrycloud.alarm.notify.Recipient;
import io.sentrycloud.alarm.state.AlertState;
import io.sentrycloud.alarm.state.AlertStore;
import io.sentrycloud.alarm.state.RuleCommit;
import io.sentrycloud.alarm.state.SeriesState;
import io.sentrycloud.alarm.state.Transition;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.RowMapper;
import io.sentrycloud.server.meta.store.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert state in {@code alert_state}, history in {@code alert_history} (both shared with the metadata API's
 * {@code /api/v1/alerts/active} and {@code /api/v1/alerts/history}), and the outbox in {@code alarm_delivery}.
 * A series is its tags as canonical JSON (sorted keys), keyed by its SHA-256 as V1 prescribes. Times in these
 * tables are epoch milliseconds; one {@link RuleCommit} is one transaction.
 */
final class MetaAlertStore implements AlertStore, Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE_COLUMNS = "`rule_id`, `series`, `state`, `since`, `pending_since`, `last_value`,"
            + " `value_at`, `history_value`, `compare_value`, `last_notified`, `detail`";
    private static final String DELIVERY_COLUMNS = "`id`, `rule_id`, `channel`, `address`, `secret`, `contact`,"
            + " `notification`, `status`, `attempts`, `created`, `next_attempt`, `sent`, `last_error`";

    private final Db db;

    MetaAlertStore(Db db) {
        this.db = db;
    }

    @Override
    public List<SeriesState> states(long ruleId) {
        return db.list("SELECT " + STATE_COLUMNS + " FROM `alert_state` WHERE `rule_id` = ?", MetaAlertStore::state,
                ruleId);
    }

    @Override
    public List<SeriesState> allStates() {
        return db.list("SELECT " + STATE_COLUMNS + " FROM `alert_state` ORDER BY `rule_id`, `series`",
                MetaAlertStore::state);
    }

    @Override
    public void commit(RuleCommit c) {
        long now = System.currentTimeMillis();
        db.transaction(tx -> {
            for (SeriesState s : c.states()) {
                save(tx, s, now);
            }
            for (String key : c.removed()) {
                tx.update("DELETE FROM `alert_state` WHERE `rule_id` = ? AND `series_hash` = ?", c.ruleId(),
                        sha256(series(parseKey(key))));
            }
            for (Transition t : c.transitions()) {
                tx.insert("INSERT INTO `alert_history` (`at`, `rule_id`, `rule_name`, `series`, `state`, `value`,"
                                + " `message`, `notified`, `from_state`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        t.at() * 1000, t.ruleId(), t.ruleName(), series(t.tags()), t.to().wireName(),
                        finite(t.value()), truncate(t.detail(), 2048), t.silenced() ? "silenced" : "",
                        t.from().wireName());
            }
            for (Delivery d : c.deliveries()) {
                tx.update("INSERT INTO `alarm_delivery` (" + DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, ?)", d.id(), d.ruleId(), d.recipient().channel(), d.recipient().address(),
                        d.recipient().secret(), d.recipient().contact(), json(d.notification()), d.status().name(),
                        d.attempts(), d.createdAt(), d.nextAttemptAt(), d.sentAt(), truncate(d.lastError(), 1024));
            }
            return null;
        });
    }

    private static void save(Sql tx, SeriesState s, long now) {
        String series = series(s.tags());
        String hash = sha256(series);
        Long notified = s.notifiedAt() == 0 ? null : s.notifiedAt() * 1000;
        int n = tx.update("UPDATE `alert_state` SET `state` = ?, `since` = ?, `pending_since` = ?, `last_value` = ?,"
                        + " `value_at` = ?, `history_value` = ?, `compare_value` = ?, `last_notified` = ?, `detail` = ?,"
                        + " `updated` = ? WHERE `rule_id` = ? AND `series_hash` = ?", s.state().wireName(),
                s.since() * 1000, s.pendingSince() * 1000, finite(s.value()), s.valueAt() * 1000, finite(s.history()),
                finite(s.compare()), notified, truncate(s.detail(), 1024), now, s.ruleId(), hash);
        if (n == 0) {
            tx.update("INSERT INTO `alert_state` (`rule_id`, `series_hash`, `series`, `state`, `since`, `error_count`,"
                            + " `last_value`, `last_notified`, `updated`, `pending_since`, `value_at`, `history_value`,"
                            + " `compare_value`, `detail`) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.ruleId(), hash, series, s.state().wireName(), s.since() * 1000, finite(s.value()), notified, now,
                    s.pendingSince() * 1000, s.valueAt() * 1000, finite(s.history()), finite(s.compare()),
                    truncate(s.detail(), 1024));
        }
    }

    @Override
    public List<Transition> history(long ruleId, long since, int limit) {
        RowMapper<Transition> row = r -> new Transition(r.getLong(1), r.getString(2), "", tags(r.getString(3)),
                state(r.getString(8), r.getString(4)), state(r.getString(4), "ok"), number(r, 5),
                Math.floorDiv(r.getLong(6), 1000), r.getString(7), "silenced".equals(r.getString(9)));
        String columns = "SELECT `rule_id`, `rule_name`, `series`, `state`, `value`, `at`, `message`, `from_state`,"
                + " `notified` FROM `alert_history` WHERE `at` >= ?";
        return ruleId == 0
                ? db.list(columns + " ORDER BY `at` DESC, `id` DESC LIMIT ?", row, since * 1000, limit)
                : db.list(columns + " AND `rule_id` = ? ORDER BY `at` DESC, `id` DESC LIMIT ?", row, since * 1000,
                ruleId, limit);
    }

    @Override
    public List<Delivery> due(long nowMillis, int limit) {
        return db.list("SELECT " + DELIVERY_COLUMNS + " FROM `alarm_delivery` WHERE `status` IN ('PENDING', 'RETRYING')"
                + " AND `next_attempt` <= ? ORDER BY `created` LIMIT ?", MetaAlertStore::delivery, nowMillis, limit);
    }

    @Override
    public void update(Delivery d) {
        db.update("UPDATE `alarm_delivery` SET `status` = ?, `attempts` = ?, `next_attempt` = ?, `sent` = ?,"
                        + " `last_error` = ? WHERE `id` = ?", d.status().name(), d.attempts(), d.nextAttemptAt(),
                d.sentAt(), truncate(d.lastError(), 1024), d.id());
    }

    @Override
    public List<Delivery> recent(int limit) {
        return db.list("SELECT " + DELIVERY_COLUMNS + " FROM `alarm_delivery` ORDER BY `created` DESC LIMIT ?",
                MetaAlertStore::delivery, limit);
    }

    private static SeriesState state(ResultSet r) throws SQLException {
        Long notified = r.getLong(10);
        if (r.wasNull()) {
            notified = 0L;
        }
        return new SeriesState(r.getLong(1), new TreeMap<>(tags(r.getString(2))), state(r.getString(3), "ok"),
                Math.floorDiv(r.getLong(4), 1000), Math.floorDiv(r.getLong(5), 1000), number(r, 6),
                Math.floorDiv(r.getLong(7), 1000), number(r, 8), number(r, 9), Math.floorDiv(notified, 1000),
                r.getString(11));
    }

    private static Delivery delivery(ResultSet r) throws SQLException {
        Notification n;
        try {
            n = JSON.readValue(r.getString(7), Notification.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("delivery " + r.getString(1) + " holds an unreadable notification: "
                    + e.getOriginalMessage());
        }
        return new Delivery(r.getString(1), r.getLong(2), new Recipient(r.getString(3), r.getString(4), r.getString(5),
                r.getString(6)), n, DeliveryStatus.valueOf(r.getString(8)), r.getInt(9), r.getLong(10), r.getLong(11),
                r.getLong(12), r.getString(13));
    }

    private static AlertState state(String wire, String absent) {
        String s = wire == null || wire.isEmpty() ? absent : wire;
        return AlertState.valueOf(s.toUpperCase(Locale.ROOT).replace(' ', '_'));
    }

    private static double number(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? Double.NaN : v;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Tags as canonical JSON: keys sorted, so one series always reads the same. */
    static String series(Map<String, String> tags) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(tags));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map always serialises", e);
        }
    }

    private static Map<String, String> tags(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<TreeMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert series '" + json + "' is not a JSON object of tags", e);
        }
    }

    /** The tags of a {@link SeriesState#key()} ({@code k=v,k=v}). */
    private static Map<String, String> parseKey(String key) {
        Map<String, String> tags = new TreeMap<>();
        if (!key.isEmpty()) {
            for (String kv : key.split(",")) {
                int eq = kv.indexOf('=');
                tags.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return tags;
    }

    private static String json(Notification n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notification always serialises", e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
