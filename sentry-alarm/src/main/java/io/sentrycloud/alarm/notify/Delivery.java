package io.sentrycloud.alarm.notify;

import java.util.Objects;

/**
 * One notification to one recipient, kept in the {@link Outbox} from the moment the alert is due until it is sent
 * (and after, as history).
 *
 * @param id            unique id (a UUID), so that a delivery stored twice is recognised
 * @param ruleId        the rule it is about
 * @param recipient     where it goes
 * @param notification  what it says
 * @param status        where it stands
 * @param attempts      failed attempts so far
 * @param createdAt     epoch milliseconds
 * @param nextAttemptAt epoch milliseconds of the next try
 * @param sentAt        epoch milliseconds of success, 0 before
 * @param lastError     the last failure, empty when none
 */
public record Delivery(String id, long ruleId, Recipient recipient, Notification notification,
                      DeliveryStatus status, int attempts, long createdAt, long nextAttemptAt, long sentAt,
                      String lastError) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(status, "status");
        lastError = Objects.requireNonNullElse(lastError, "");
    }

    /** A new delivery, due at once. */
    public static Delivery create(Recipient recipient, Notification notification, long nowMillis) {
        return new Delivery(java.util.UUID.randomUUID().toString(), notification.ruleId(), recipient, notification,
                DeliveryStatus.PENDING, 0, nowMillis, nowMillis, 0, "");
    }

    /** A delivery that cannot go anywhere; recorded so that the gap is visible. */
    public static Delivery undeliverable(Recipient recipient, Notification notification, long nowMillis,
                                         String why) {
        return new Delivery(java.util.UUID.randomUUID().toString(), notification.ruleId(), recipient, notification,
                DeliveryStatus.UNDELIVERABLE, 0, nowMillis, Long.MAX_VALUE, 0, why);
    }

    public Delivery sent(long nowMillis) {
        return new Delivery(id, ruleId, recipient, notification, DeliveryStatus.SENT, attempts, createdAt,
                Long.MAX_VALUE, nowMillis, lastError);
    }

    public Delivery failed(String error, long nextAttempt, boolean giveUp) {
        return new Delivery(id, ruleId, recipient, notification, giveUp ? DeliveryStatus.GAVE_UP
                : DeliveryStatus.RETRYING, attempts + 1, createdAt, giveUp ? Long.MAX_VALUE : nextAttempt, 0, error);
    }

    /** Put off without counting a failure (a channel's rate limit). */
    public Delivery postponed(long nextAttempt) {
        return new Delivery(id, ruleId, recipient, notification, status, attempts, createdAt, nextAttempt, sentAt,
                lastError);
    }
}
