package io.sentrycloud.alarm.rule;

import java.util.List;

/** Where the engine reads the current alarm rules from; it polls, so changes apply without a restart. */
public interface RuleSource {

    /** Every rule that is not deleted, enabled or not. */
    List<RuleRow> rules();
}
