package io.sentrycloud.sdk.meter;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events. Each step the registry sends {@code <name>} = the count of that step (so the points of a counter
 * add up to the exact total) and starts again from zero. Thread-safe and contention-free.
 */
public final class Counter {

    private final LongAdder count = new LongAdder();

    Counter() {
    }

    /** Adds one. */
    public void increment() {
        count.increment();
    }

    /** Adds {@code n} (not negative). */
    public void increment(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a counter only grows; got " + n);
        }
        count.add(n);
    }

    /** The count of the current step so far. */
    public long stepCount() {
        return count.sum();
    }

    long drain() {
        return count.sumThenReset();
    }
}
