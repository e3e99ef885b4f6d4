package io.sentrycloud.server.selfmon;

import io.sentrycloud.server.http.Api;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cumulative counters of what the server has served since it started; thread-safe and cheap on the request path.
 * Interval figures are differences between two {@link #snapshot() snapshots}.
 */
public final class ServerStats {

    private final Map<Api, LongAdder> requests = new EnumMap<>(Api.class);
    private final Map<Api, LongAdder> nanos = new EnumMap<>(Api.class);
    private final LongAdder acceptedPoints = new LongAdder();
    private final LongAdder rejectedPoints = new LongAdder();
    /** Bounds the sender set when nothing drains it (self-monitoring off): memory stays flat. */
    private static final int MAX_TRACKED_SENDERS = 100_000;

    private final AtomicReference<Set<String>> senders = new AtomicReference<>(ConcurrentHashMap.newKeySet());
    private volatile int lastIntervalSenders;

    public ServerStats() {
        for (Api api : Api.values()) {
            requests.put(api, new LongAdder());
            nanos.put(api, new LongAdder());
        }
    }

    /** One request of {@code api} took {@code elapsedNanos}, whatever its outcome. */
    public void recordRequest(Api api, long elapsedNanos) {
        requests.get(api).increment();
        nanos.get(api).add(elapsedNanos);
    }

    /** An ingest request from {@code senderIp} stored {@code accepted} points and refused {@code rejected}. */
    public void recordIngest(String senderIp, int accepted, int rejected) {
        acceptedPoints.add(accepted);
        rejectedPoints.add(rejected);
        Set<String> current = senders.get();
        if (current.size() < MAX_TRACKED_SENDERS) {
            current.add(senderIp);
        }
    }

    /** How many distinct senders were seen since the previous call, which starts a new interval. */
    public int drainSenders() {
        int n = senders.getAndSet(ConcurrentHashMap.newKeySet()).size();
        lastIntervalSenders = n;
        return n;
    }

    /** Distinct senders of the last completed interval (0 before the first). */
    public int lastIntervalSenders() {
        return lastIntervalSenders;
    }

    /** The counters now. */
    public Snapshot snapshot() {
        Map<Api, Long> count = new EnumMap<>(Api.class);
        Map<Api, Long> time = new EnumMap<>(Api.class);
        long queries = 0;
        for (Api api : Api.values()) {
            long n = requests.get(api).sum();
            count.put(api, n);
            time.put(api, nanos.get(api).sum());
            if (api.isQuery()) {
                queries += n;
            }
        }
        return new Snapshot(count, time, queries, acceptedPoints.sum(), rejectedPoints.sum());
    }

    /**
     * Cumulative counters at one moment.
     *
     * @param requests       requests per api
     * @param nanos          total handling time per api
     * @param queries        requests of query apis
     * @param acceptedPoints points stored by ingest
     * @param rejectedPoints points refused by ingest
     */
    public record Snapshot(Map<Api, Long> requests, Map<Api, Long> nanos, long queries, long acceptedPoints,
                           long rejectedPoints) {
    }
}
