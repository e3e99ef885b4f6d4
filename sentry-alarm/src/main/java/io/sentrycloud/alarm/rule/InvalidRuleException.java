package io.sentrycloud.alarm.rule;

/** A rule row that cannot be evaluated; the message names the field and what is accepted. */
public class InvalidRuleException extends IllegalArgumentException {

    public InvalidRuleException(String message) {
        super(message);
    }
}
