package io.sentrycloud.server.ingest;

/** One point breaks a rule; the message names the field and the rule. */
public class InvalidPointException extends Exception {

    public InvalidPointException(String message) {
        super(message, null, false, false); // expected on bad input: no stack trace needed
    }
}
