package io.sentrycloud.server.meta.alarm;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Silences; {@link #activeAt} is what a notifier consults. */
public final class SilenceRepository {

    static final String TABLE = "silence";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MATCHERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "`id`, `rule_id`, `matchers`, `starts`, `ends`, `comment`, `created_by`,"
            + " `version`, `created`, `updated`";
    private static final RowMapper<Silence> ROW = r -> {
        long rule = r.getLong(2);
        Long ruleId = r.wasNull() ? null : rule;
        return new Silence(r.getLong(1), ruleId, matchers(r.getString(3)), r.getLong(4), r.getLong(5),
                r.getString(6), r.getString(7), r.getLong(8), r.getLong(9), r.getLong(10));
    };

    private final Db db;
    private final Clock clock;

    public SilenceRepository(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A page of silences by id, of one rule when {@code ruleId} is not null. */
    public Page<Silence> list(Long ruleId, int limit, int offset) {
        return ruleId == null ? VersionedRows.page(db, TABLE, COLUMNS, "", ROW, limit, offset)
                : VersionedRows.page(db, TABLE, COLUMNS, "`rule_id` = ?", ROW, limit, offset, ruleId);
    }

    /** The silences in force at {@code nowMillis}. */
    public List<Silence> activeAt(long nowMillis) {
        return db.list("SELECT " + COLUMNS + " FROM `silence` WHERE `starts` <= ? AND `ends` > ? ORDER BY `id`", ROW,
                nowMillis, nowMillis);
    }

    public Optional<Silence> find(long id) {
        return find(db, id);
    }

    private static Optional<Silence> find(Sql sql, long id) {
        return sql.one("SELECT " + COLUMNS + " FROM `silence` WHERE `id` = ?", ROW, id);
    }

    public Silence get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException(TABLE, id));
    }

    public Silence create(Silence s, String actor) {
        return db.transaction(tx -> {
            requireRule(tx, s.ruleId());
            long now = clock.millis();
            long id = tx.insert("INSERT INTO `silence` (`created`, `updated`, `version`, `rule_id`, `matchers`, `starts`,"
                            + " `ends`, `comment`, `created_by`) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)", now, now, s.ruleId(),
                    json(s.matchers()), s.starts(), s.ends(), s.comment(), actor);
            AuditLog.record(tx, now, actor, "create", TABLE, id, s.comment());
            return find(tx, id).orElseThrow(() -> new NotFoundException(TABLE, id));
        });
    }

    public Silence update(long id, long version, Silence s, String actor) {
        return db.transaction(tx -> {
            requireRule(tx, s.ruleId());
            long now = clock.millis();
            VersionedRows.update(tx, TABLE, TABLE, id, version, now, "`rule_id` = ?, `matchers` = ?, `starts` = ?,"
                    + " `ends` = ?, `comment` = ?", s.ruleId(), json(s.matchers()), s.starts(), s.ends(), s.comment());
            AuditLog.record(tx, now, actor, "update", TABLE, id, s.comment());
            return find(tx, id).orElseThrow(() -> new NotFoundException(TABLE, id));
        });
    }

    public void delete(long id, String actor) {
        db.transaction(tx -> {
            VersionedRows.delete(tx, TABLE, TABLE, id);
            AuditLog.record(tx, clock.millis(), actor, "delete", TABLE, id, "");
            return null;
        });
    }

    private static void requireRule(Sql tx, Long ruleId) {
        if (ruleId != null && tx.count("SELECT COUNT(*) FROM `alarm_rule` WHERE `id` = ?", ruleId) == 0) {
            throw new BadReferenceException("rule_id", "alarm rule " + ruleId + " does not exist");
        }
    }

    private static String json(Map<String, String> matchers) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(matchers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> matchers(String json) {
        try {
            return JSON.readValue(json, MATCHERS);
        } catch (JsonProcessingException e) {
            // validated on the way in; an unreadable hand-edited row matches every alert rather than none
            return Map.of();
        }
    }
}
