package io.sentrycloud.server.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.alarm.rule.RuleSource;
import io.sentrycloud.server.meta.store.Db;
import java.util.List;
import java.util.Locale;

/**
 * Rules from the {@code alarm_rule} table. The table's columns beyond the original's ({@code for_seconds},
 * {@code repeat_interval_seconds}, {@code notify_resolved}) fill the trigger's {@code for}, {@code repeat_interval}
 * and {@code notify_resolved} when the trigger JSON does not set them; the {@code severity} column raises the
 * original {@code level} (the more urgent of the two wins).
 */
final class MetaRules implements RuleSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Db db;

    MetaRules(Db db) {
        this.db = db;
    }

    @Override
    public List<RuleRow> rules() {
        return db.list("SELECT `id`, `name`, `type`, `query_range`, `contacts`, `level`, `message`, `data_source`,"
                + " `trigger`, `enabled`, `for_seconds`, `repeat_interval_seconds`, `notify_resolved`, `severity`"
                + " FROM `alarm_rule` ORDER BY `id`", r -> new RuleRow(r.getLong(1), r.getString(2), r.getInt(3),
                r.getInt(4), r.getString(5), Math.max(r.getInt(6), level(r.getString(14))), r.getString(7),
                r.getString(8), trigger(r.getString(9), r.getInt(11), r.getInt(12), r.getInt(13) != 0),
                r.getInt(10) != 0));
    }

    static int level(String severity) {
        return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
            case "critical", "error" -> 2;
            case "warning", "warn" -> 1;
            default -> 0;
        };
    }

    /** The trigger JSON with the columns' values where it has none; unparseable text is left for the parser. */
    static String trigger(String text, int forSeconds, int repeatSeconds, boolean notifyResolved) {
        JsonNode node;
        try {
            node = JSON.readTree(text == null ? "" : text);
        } catch (Exception e) {
            return text;
        }
        if (!(node instanceof ObjectNode o)) {
            return text;
        }
        if (!o.has("for")) {
            o.put("for", forSeconds);
        }
        if (!o.has("repeat_interval")) {
            o.put("repeat_interval", repeatSeconds);
        }
        if (!o.has("notify_resolved")) {
            o.put("notify_resolved", notifyResolved);
        }
        return o.toString();
    }
}
