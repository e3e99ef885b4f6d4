package io.sentrycloud.sdk;

/**
 * A snapshot of a {@link SentryClient}'s counters. All counts are points, since the client started (the spool counts
 * are what it holds now).
 */
public final class DeliveryStats {

    private final long sent;
    private final long rejected;
    private final long droppedQueueFull;
    private final long droppedSpoolFull;
    private final long queued;
    private final long spooled;
    private final long spooledBytes;
    private final long failedAttempts;

    DeliveryStats(long sent, long rejected, long droppedQueueFull, long droppedSpoolFull, long queued, long spooled,
                  long spooledBytes, long failedAttempts) {
        this.sent = sent;
        this.rejected = rejected;
        this.droppedQueueFull = droppedQueueFull;
        this.droppedSpoolFull = droppedSpoolFull;
        this.queued = queued;
        this.spooled = spooled;
        this.spooledBytes = spooledBytes;
        this.failedAttempts = failedAttempts;
    }

    /** Points a server stored. */
    public long sent() {
        return sent;
    }

    /** Points in batches a server refused (bad points; the good ones of such a batch are stored by the server). */
    public long rejected() {
        return rejected;
    }

    /** Points refused by {@link SentryClient#send} because the in-memory queue was full. */
    public long droppedQueueFull() {
        return droppedQueueFull;
    }

    /** Points dropped from the spool, oldest first, because it reached its size limit. */
    public long droppedSpoolFull() {
        return droppedSpoolFull;
    }

    /** All points lost: queue full plus spool full. */
    public long dropped() {
        return droppedQueueFull + droppedSpoolFull;
    }

    /** Points waiting in the in-memory queue to be batched. */
    public long queued() {
        return queued;
    }

    /** Points in batches waiting in the spool for a server. */
    public long spooled() {
        return spooled;
    }

    /** Bytes the spool holds. */
    public long spooledBytes() {
        return spooledBytes;
    }

    /** Delivery attempts on which no server took the batch. */
    public long failedAttempts() {
        return failedAttempts;
    }

    @Override
    public String toString() {
        return "sent=" + sent + " rejected=" + rejected + " dropped_queue_full=" + droppedQueueFull
                + " dropped_spool_full=" + droppedSpoolFull + " queued=" + queued + " spooled=" + spooled
                + " spooled_bytes=" + spooledBytes + " failed_attempts=" + failedAttempts;
    }
}
