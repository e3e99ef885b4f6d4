package io.sentrycloud.alarm.notify;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** waiting for its first attempt */
    PENDING,
    /** the last attempt failed; it is tried again at {@code nextAttemptAt} */
    RETRYING,
    /** the channel accepted it */
    SENT,
    /** it failed for longer than the retry horizon; kept for people to see */
    GAVE_UP,
    /** there is nowhere to send it (no such contact, no address, an unknown channel) */
    UNDELIVERABLE
}
