package io.sentrycloud.alarm.notify;

/** A channel could not deliver; the message says why (connection refused, HTTP 500, errcode 310000 ...). */
public class DeliveryException extends Exception {

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
