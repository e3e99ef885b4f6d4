package io.sentrycloud.server.selfmon;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM figures the server reports about itself (the Go original reported goroutines and GC).
 *
 * @param threads       live threads
 * @param gcCount       collections since the JVM started, all collectors
 * @param gcPauseMillis time spent collecting since the JVM started, all collectors
 * @param heapUsed      heap bytes in use
 */
public record JvmSample(long threads, long gcCount, long gcPauseMillis, long heapUsed) {

    /** Reads the figures now. */
    public static JvmSample now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount()); // -1 means "not available"
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmSample(ManagementFactory.getThreadMXBean().getThreadCount(), count, millis,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}
