package io.sentrycloud.alarm.rule;

import java.util.List;
import java.util.Objects;

/**
 * What every rule type has: identity, window, who is told, how urgently, and the message template.
 *
 * @param id           the row id
 * @param name         the rule name
 * @param windowSeconds the query window ({@code query_range}), which is also the evaluation interval
 * @param contacts     contact names
 * @param severity     urgency
 * @param message      the message template (see {@code io.sentrycloud.alarm.notify.MessageTemplate})
 * @param enabled      false when the rule is kept but not evaluated
 */
public record RuleMeta(long id, String name, long windowSeconds, List<String> contacts, Severity severity,
                       String message, boolean enabled) {

    public RuleMeta {
        Objects.requireNonNull(name, "name");
        contacts = List.copyOf(contacts);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
