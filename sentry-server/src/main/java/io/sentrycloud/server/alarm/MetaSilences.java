package io.sentrycloud.server.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.alarm.silence.MaintenanceWindow;
import io.sentrycloud.alarm.silence.Matcher;
import io.sentrycloud.alarm.silence.Silence;
import io.sentrycloud.alarm.silence.SilenceSource;
import io.sentrycloud.server.meta.store.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Silences from the {@code silence} table (made through {@code /api/v1/silences}): its rule (or every rule) and
 * its tag matchers become equality matchers on {@code rule_id} and the tags; its times are epoch milliseconds.
 * Read at most every few seconds, since every rule evaluation asks.
 */
final class MetaSilences implements SilenceSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REFRESH_MILLIS = 5_000;

    private final Db db;
    private final Clock clock;
    private volatile List<Silence> cached = List.of();
    private volatile long readAt; // epoch ms of the last read, 0 before the first

    MetaSilences(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<Silence> silences() {
        long now = clock.millis();
        if (now - readAt >= REFRESH_MILLIS) {
            cached = read(now);
            readAt = now;
        }
        return cached;
    }

    private List<Silence> read(long now) {
        return db.list("SELECT `id`, `rule_id`, `matchers`, `starts`, `ends`, `created_by`, `comment` FROM `silence`"
                + " WHERE `ends` > ? ORDER BY `id`", r -> {
                    List<Matcher> matchers = new ArrayList<>();
                    long rule = r.getLong(2);
                    if (!r.wasNull()) {
                        matchers.add(new Matcher("rule_id", "=", String.valueOf(rule)));
                    }
                    try {
                        JsonNode m = JSON.readTree(r.getString(3));
                        m.fields().forEachRemaining(e -> matchers.add(new Matcher(e.getKey(), "=", e.getValue().asText())));
                    } catch (Exception e) {
                        throw new java.sql.SQLException("silence " + r.getLong(1) + " has matchers that are not a JSON"
                                + " object: " + e.getMessage());
                    }
                    if (matchers.isEmpty()) {
                        matchers.add(new Matcher("rule_id", "=~", ".*")); // no rule, no tag: mutes everything
                    }
                    long start = Math.floorDiv(r.getLong(4), 1000);
                    long end = Math.max(start + 1, -Math.floorDiv(-r.getLong(5), 1000));
                    return new Silence(r.getLong(1), matchers, start, end, r.getString(6), r.getString(7));
                }, now);
    }

    @Override
    public List<MaintenanceWindow> maintenanceWindows() {
        return List.of(); // the metadata schema has no recurring windows yet; one-off silences cover maintenance
    }
}
