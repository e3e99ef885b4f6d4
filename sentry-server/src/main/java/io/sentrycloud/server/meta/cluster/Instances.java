package io.sentrycloud.server.meta.cluster;

import io.sentrycloud.server.meta.store.Db;
import java.time.Clock;
import java.util.List;

/** The {@code server_instance} table: each running instance renews its row; a row past its expiry is gone. */
public final class Instances {

    /** A running instance as last heard of. */
    public record Instance(String id, String address, long started, long heartbeat, long expires) {
    }

    private final Db db;
    private final Clock clock;

    public Instances(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Registers or renews instance {@code id} for {@code ttlMillis}; also forgets every expired instance. */
    public void heartbeat(String id, String address, long started, long ttlMillis) {
        long now = clock.millis();
        db.transaction(tx -> {
            tx.update("DELETE FROM `server_instance` WHERE `expires` <= ?", now);
            int n = tx.update("UPDATE `server_instance` SET `address` = ?, `heartbeat` = ?, `expires` = ? WHERE `id` = ?",
                    address, now, now + ttlMillis, id);
            if (n == 0) {
                tx.update("INSERT INTO `server_instance` (`id`, `address`, `started`, `heartbeat`, `expires`)"
                        + " VALUES (?, ?, ?, ?, ?)", id, address, started, now, now + ttlMillis);
            }
            return null;
        });
    }

    /** The instances whose last heartbeat has not expired, by id. */
    public List<Instance> live() {
        return db.list("SELECT `id`, `address`, `started`, `heartbeat`, `expires` FROM `server_instance`"
                + " WHERE `expires` > ? ORDER BY `id`", r -> new Instance(r.getString(1), r.getString(2), r.getLong(3),
                r.getLong(4), r.getLong(5)), clock.millis());
    }

    /** Removes an instance that stops cleanly. */
    public void leave(String id) {
        db.update("DELETE FROM `server_instance` WHERE `id` = ?", id);
    }
}
