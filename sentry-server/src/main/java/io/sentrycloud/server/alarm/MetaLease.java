package io.sentrycloud.server.alarm;

import io.sentrycloud.alarm.EvaluationLease;
import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.DuplicateException;

/**
 * Evaluation leases as rows of the {@code lease} table ({@code alarm-rule-<id>}, holder, expiry in epoch ms): a
 * conditional update takes or renews one; an insert creates it, and the primary key lets only one of two racing
 * servers succeed.
 */
final class MetaLease implements EvaluationLease {

    private final Db db;

    MetaLease(Db db) {
        this.db = db;
    }

    @Override
    public boolean tryAcquire(long ruleId, String owner, long now, long until) {
        String name = "alarm-rule-" + ruleId;
        int n = db.update("UPDATE `lease` SET `holder` = ?, `expires` = ? WHERE `name` = ? AND (`holder` = ?"
                + " OR `expires` <= ?)", owner, until * 1000, name, owner, now * 1000);
        if (n > 0) {
            return true;
        }
        try {
            db.update("INSERT INTO `lease` (`name`, `holder`, `expires`) VALUES (?, ?, ?)", name, owner, until * 1000);
            return true;
        } catch (DuplicateException held) {
            return false;
        }
    }
}
