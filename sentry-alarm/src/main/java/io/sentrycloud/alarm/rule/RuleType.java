package io.sentrycloud.alarm.rule;

/** The original's rule types with their {@code type} column values. */
public enum RuleType {
    HEARTBEAT(0), THRESHOLD(1), TOPN(2), COMPARE(3);

    private final int code;

    RuleType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of a {@code type} column value. */
    public static RuleType of(int code) {
        for (RuleType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new InvalidRuleException("type " + code + " is unknown; use 0 heartbeat, 1 threshold, 2 topN or "
                + "3 compare");
    }
}
