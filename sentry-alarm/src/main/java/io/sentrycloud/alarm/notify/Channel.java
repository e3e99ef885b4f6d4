package io.sentrycloud.alarm.notify;

/** A way of telling people; implementations are thread-safe. */
public interface Channel {

    /** The {@link Recipient#channel()} names this channel serves. */
    java.util.Set<String> names();

    /**
     * Sends one notification to one recipient; returns only when the far end accepted it.
     *
     * @throws DeliveryException when it did not
     */
    void send(Recipient recipient, Notification notification) throws DeliveryException;
}
