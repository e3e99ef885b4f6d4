package io.sentrycloud.agent.collect;

/**
 * One source of metrics, asked once per round. Counters are turned into rates by the collector itself, from the
 * previous round's reading: the first round of a rate collector therefore reports nothing for those metrics.
 */
public interface Collector extends AutoCloseable {

    /** A short name for logs and the agent's own error counter, e.g. {@code cpu}. */
    String name();

    /**
     * Adds this round's points.
     *
     * @throws Exception when the source cannot be read this round; the agent logs it and goes on with the others
     */
    void collect(PointSink out) throws Exception;

    /** Releases what the collector holds (connections, processes); default nothing. */
    @Override
    default void close() {
    }
}
