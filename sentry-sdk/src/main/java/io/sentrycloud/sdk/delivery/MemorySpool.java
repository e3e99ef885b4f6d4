package io.sentrycloud.sdk.delivery;

import java.util.ArrayDeque;

/** A {@link Spool} in memory: what it holds is lost with the process. */
public final class MemorySpool implements Spool {

    private final long maxBytes;
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private long bytes;
    private long points;
    private long dropped;

    /** @param maxBytes most compressed bytes held */
    public MemorySpool(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("spool size must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void append(Batch batch) {
        if (batch.bytes() > maxBytes) {
            dropped += batch.points();
            return;
        }
        while (bytes + batch.bytes() > maxBytes) {
            Batch oldest = batches.removeFirst();
            bytes -= oldest.bytes();
            points -= oldest.points();
            dropped += oldest.points();
        }
        batches.addLast(batch);
        bytes += batch.bytes();
        points += batch.points();
    }

    @Override
    public synchronized Batch head() {
        return batches.peekFirst();
    }

    @Override
    public synchronized void removeHead() {
        Batch b = batches.pollFirst();
        if (b != null) {
            bytes -= b.bytes();
            points -= b.points();
        }
    }

    @Override
    public synchronized int batches() {
        return batches.size();
    }

    @Override
    public synchronized long points() {
        return points;
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized long droppedPoints() {
        return dropped;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
