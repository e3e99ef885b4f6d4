package io.sentrycloud.sdk.delivery;

/**
 * Batches waiting for the server, oldest first. Bounded by bytes: appending past the bound drops the oldest batches
 * and counts their points. Thread-safe.
 */
public interface Spool extends AutoCloseable {

    /** Adds a batch at the tail, dropping the oldest batches (or this one, when it alone is over the bound). */
    void append(Batch batch);

    /** The oldest batch, or null when empty. */
    Batch head();

    /** Removes the oldest batch (after the server took it). */
    void removeHead();

    /** Batches held. */
    int batches();

    /** Points held. */
    long points();

    /** Bytes held. */
    long bytes();

    /** Points dropped so far because the spool was full (or, on disk, could not be written). */
    long droppedPoints();

    @Override
    void close();
}
