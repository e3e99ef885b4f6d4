package io.sentrycloud.alarm.notify;

import java.util.List;

/**
 * Where deliveries wait and are remembered. New deliveries are added together with the alert state that made
 * them (see {@code io.sentrycloud.alarm.state.AlertStore#commit}), so that a restart neither loses nor repeats one.
 */
public interface Outbox {

    /** Pending or retrying deliveries whose {@code nextAttemptAt <= nowMillis}, oldest first. */
    List<Delivery> due(long nowMillis, int limit);

    /** Replaces a delivery (same id) after an attempt. */
    void update(Delivery delivery);

    /** The latest deliveries, newest first, for people to look at. */
    List<Delivery> recent(int limit);
}
