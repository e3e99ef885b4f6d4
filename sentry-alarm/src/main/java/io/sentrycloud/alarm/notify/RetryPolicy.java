package io.sentrycloud.alarm.notify;

/**
 * When a failed delivery is tried again: {@code first * 2^(attempts-1)}, at most {@code max}, until
 * {@code giveUpAfter} has passed since it was created.
 */
public record RetryPolicy(long firstMillis, long maxMillis, long giveUpAfterMillis) {

    /** 5 s, doubling to 10 min, for a day. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5_000, 600_000, 86_400_000);

    public long delayAfter(int attempts) {
        int shift = Math.min(30, Math.max(0, attempts - 1));
        return Math.min(maxMillis, firstMillis << shift);
    }
}
