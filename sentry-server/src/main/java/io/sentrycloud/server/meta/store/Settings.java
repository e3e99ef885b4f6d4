package io.sentrycloud.server.meta.store;

import java.time.Clock;
import java.util.Optional;

/** One-time facts about the database ({@code setting} table), e.g. that the built-in dashboards exist. */
public final class Settings {

    private final Db db;
    private final Clock clock;

    public Settings(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return db.one("SELECT `value` FROM `setting` WHERE `name` = ?", r -> r.getString(1), name);
    }

    /** Sets {@code name} unless it is set; answers whether this call set it (false: someone was first). */
    public boolean setOnce(String name, String value) {
        try {
            db.update("INSERT INTO `setting` (`name`, `value`, `updated`) VALUES (?, ?, ?)", name, value,
                    clock.millis());
            return true;
        } catch (DuplicateException e) {
            return false;
        }
    }
}
