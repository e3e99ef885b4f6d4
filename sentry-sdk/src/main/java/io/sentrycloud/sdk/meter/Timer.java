package io.sentrycloud.sdk.meter;

import java.time.Duration;
import java.util.concurrent.Callable;

/** A {@link Summary} of durations, in milliseconds. */
public final class Timer extends Summary {

    Timer() {
    }

    /** Records a duration. */
    public void record(Duration d) {
        record(d.toNanos() / 1e6);
    }

    /** Records a duration given in nanoseconds (e.g. a difference of {@link System#nanoTime()}). */
    public void recordNanos(long nanos) {
        record(nanos / 1e6);
    }

    /** Runs {@code task} and records how long it took, also when it throws. */
    public <T> T time(Callable<T> task) throws Exception {
        long t0 = System.nanoTime();
        try {
            return task.call();
        } finally {
            recordNanos(System.nanoTime() - t0);
        }
    }
}
