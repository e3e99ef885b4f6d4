package io.sentrycloud.server.meta.cluster;

import io.sentrycloud.server.meta.store.Db;
import io.sentrycloud.server.meta.store.DuplicateException;
import java.time.Clock;
import java.util.Optional;

/**
 * Named leases in the {@code lease} table: at most one holder at a time, until it expires. Taking and renewing
 * are single conditional statements, so two instances racing cannot both win.
 */
public final class Leases {

    private final Db db;
    private final Clock clock;

    public Leases(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Takes lease {@code name} for {@code holder} for {@code ttlMillis} if it is free, expired or already held by
     * {@code holder} (then it is renewed); answers whether {@code holder} holds it now.
     */
    public boolean acquire(String name, String holder, long ttlMillis) {
        long now = clock.millis();
        int n = db.update("UPDATE `lease` SET `holder` = ?, `expires` = ? WHERE `name` = ? AND (`holder` = ?"
                + " OR `expires` <= ?)", holder, now + ttlMillis, name, holder, now);
        if (n > 0) {
            return true;
        }
        try {
            db.update("INSERT INTO `lease` (`name`, `holder`, `expires`) VALUES (?, ?, ?)", name, holder,
                    now + ttlMillis);
            return true;
        } catch (DuplicateException e) {
            return false; // held by someone else, unexpired
        }
    }

    /** Gives lease {@code name} up if {@code holder} holds it. */
    public void release(String name, String holder) {
        db.update("DELETE FROM `lease` WHERE `name` = ? AND `holder` = ?", name, holder);
    }

    /** Who holds lease {@code name} now, if anyone. */
    public Optional<String> holder(String name) {
        return db.one("SELECT `holder` FROM `lease` WHERE `name` = ? AND `expires` > ?", r -> r.getString(1), name,
                clock.millis());
    }
}
