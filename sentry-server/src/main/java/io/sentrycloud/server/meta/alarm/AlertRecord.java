package io.sentrycloud.server.meta.alarm;

/**
 * One entry of the alert history: a series of a rule went {@code firing} or {@code resolved} at {@code at}
 * (epoch ms), with the value that decided it, the message sent and who it was sent to.
 *
 * @param ruleId the rule's id, null for an alert of no stored rule; entries stay when the rule is deleted
 */
public record AlertRecord(long id, long at, Long ruleId, String ruleName, String series, String state,
                          Double value, String message, String notified) {
}
