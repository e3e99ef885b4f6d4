package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.chunk.Chunk;
import io.sentrycloud.tsdb.chunk.ChunkEncoder;
import io.sentrycloud.tsdb.chunk.ChunkIterator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One series in memory: its id, its key, and its recent points as compressed chunks — sealed {@link Chunk}s
 * sorted by time and not overlapping, then one open {@link ChunkEncoder} that in-order points are appended to.
 *
 * <p>A chunk holds at most {@link #CHUNK_POINTS} appended points and never crosses a block partition
 * ({@link #PARTITION_MILLIS}), so cutting the head into blocks never splits a chunk. A point that is not after the
 * series' newest one (out of order, or a duplicate timestamp) rewrites the chunk whose range holds it — the new
 * value replaces an equal timestamp's (last write wins) — or, in a gap, joins a neighbour of the same partition
 * or starts a chunk of its own.
 *
 * <p>Thread-safe: writers and readers synchronize on the series; chunks are immutable and handed out freely.
 */
final class HeadSeries {

    /** Points appended to a chunk before it is sealed: 120, as Gorilla and Prometheus (20 min at 10 s). */
    static final int CHUNK_POINTS = 120;
    /** Block partition width; chunks never cross one. */
    static final long PARTITION_MILLIS = 2 * 3_600_000L;
    /** A chunk that out-of-order points grew past this is not grown further; a new chunk starts instead. */
    private static final int MAX_REWRITTEN_POINTS = 4 * CHUNK_POINTS;
    private static final Chunk[] NO_CHUNKS = new Chunk[0];
    /** Object headers and fields of the series and its key's share, roughly; used for the memory estimate. */
    static final int OVERHEAD_BYTES = 96;

    final int id;
    final SeriesKey key;
    private Chunk[] sealed = NO_CHUNKS;
    private int sealedCount;
    private ChunkEncoder open;
    private int size;

    HeadSeries(int id, SeriesKey key) {
        this.id = id;
        this.key = key;
    }

    static long partitionOf(long timestamp) {
        return timestamp - Math.floorMod(timestamp, PARTITION_MILLIS);
    }

    /** Adds or replaces a point; returns whether the head holds one point more. */
    synchronized boolean add(long timestamp, double value) {
        if (open != null && timestamp > open.maxTime()) {
            if (open.count() < CHUNK_POINTS && partitionOf(timestamp) == partitionOf(open.minTime())) {
                open.append(timestamp, value);
                size++;
                return true;
            }
            sealOpen();
        }
        if (open == null && (sealedCount == 0 || timestamp > sealed[sealedCount - 1].maxTime())) {
            open = new ChunkEncoder();
            open.append(timestamp, value);
            size++;
            return true;
        }
        return addOutOfOrder(timestamp, value);
    }

    private boolean addOutOfOrder(long t, double v) {
        if (open != null && t >= open.minTime()) {
            open = reopen(mergeInto(open.toChunk(), t, v));
            if (grewLast) {
                size++;
            }
            return grewLast;
        }
        int at = findChunk(t);
        if (at >= 0) {
            Chunk before = sealed[at];
            sealed[at] = mergeInto(before, t, v);
            return bumpIfGrew(before, sealed[at]);
        }
        int insert = -at - 1; // sealed[insert - 1].maxTime < t < sealed[insert].minTime (or open)
        long partition = partitionOf(t);
        if (insert > 0 && partitionOf(sealed[insert - 1].minTime()) == partition
                && sealed[insert - 1].count() < MAX_REWRITTEN_POINTS) {
            Chunk before = sealed[insert - 1];
            sealed[insert - 1] = mergeInto(before, t, v);
            return bumpIfGrew(before, sealed[insert - 1]);
        }
        if (insert < sealedCount && partitionOf(sealed[insert].minTime()) == partition
                && sealed[insert].count() < MAX_REWRITTEN_POINTS) {
            Chunk before = sealed[insert];
            sealed[insert] = mergeInto(before, t, v);
            return bumpIfGrew(before, sealed[insert]);
        }
        if (insert == sealedCount && open != null && partitionOf(open.minTime()) == partition
                && open.count() < MAX_REWRITTEN_POINTS) {
            open = reopen(mergeInto(open.toChunk(), t, v));
            size++;
            return true;
        }
        ChunkEncoder single = new ChunkEncoder();
        single.append(t, v);
        insertSealed(insert, single.toChunk());
        size++;
        return true;
    }

    /** Whether the last {@link #mergeInto} added a point rather than replacing one. */
    private boolean grewLast;

    private boolean bumpIfGrew(Chunk before, Chunk after) {
        boolean grew = after.count() > before.count();
        if (grew) {
            size++;
        }
        return grew;
    }

    /** A copy of {@code c} with {@code (t, v)} inserted, or replacing the value at {@code t}. */
    private Chunk mergeInto(Chunk c, long t, double v) {
        int n = c.count();
        long[] ts = new long[n + 1];
        double[] vs = new double[n + 1];
        int k = 0;
        boolean placed = false;
        ChunkIterator it = c.iterator();
        while (it.next()) {
            long x = it.timestamp();
            if (!placed && t <= x) {
                ts[k] = t;
                vs[k] = v;
                k++;
                placed = true;
                if (t == x) {
                    continue; // last write wins
                }
            }
            ts[k] = x;
            vs[k] = it.value();
            k++;
        }
        if (!placed) {
            ts[k] = t;
            vs[k] = v;
            k++;
        }
        grewLast = k > n;
        return Chunk.encode(ts, vs, 0, k);
    }

    private static ChunkEncoder reopen(Chunk c) {
        ChunkEncoder e = new ChunkEncoder();
        ChunkIterator it = c.iterator();
        while (it.next()) {
            e.append(it.timestamp(), it.value());
        }
        return e;
    }

    /** Index of the sealed chunk whose range holds {@code t}, else {@code -(insertion point) - 1}. */
    private int findChunk(long t) {
        int lo = 0;
        int hi = sealedCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Chunk c = sealed[mid];
            if (c.maxTime() < t) {
                lo = mid + 1;
            } else if (c.minTime() > t) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    private void sealOpen() {
        insertSealed(sealedCount, open.seal());
        open = null;
    }

    private void insertSealed(int at, Chunk c) {
        if (sealedCount == sealed.length) {
            sealed = Arrays.copyOf(sealed, Math.max(4, sealedCount * 2));
        }
        System.arraycopy(sealed, at, sealed, at + 1, sealedCount - at);
        sealed[at] = c;
        sealedCount++;
    }

    /** The chunks (a snapshot; the open one copied) that may hold points of {@code [start, end]}, in time order. */
    synchronized List<Chunk> chunks(long start, long end) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < sealedCount; i++) {
            if (sealed[i].overlaps(start, end)) {
                out.add(sealed[i]);
            }
        }
        if (open != null && open.minTime() <= end && open.maxTime() >= start) {
            out.add(open.toChunk());
        }
        return out;
    }

    /** Upper bound of the points in {@code [start, end]}: the counts of the chunks that overlap it. */
    synchronized long countInRange(long start, long end) {
        long n = 0;
        for (int i = 0; i < sealedCount; i++) {
            if (sealed[i].overlaps(start, end)) {
                n += sealed[i].count();
            }
        }
        if (open != null && open.minTime() <= end && open.maxTime() >= start) {
            n += open.count();
        }
        return n;
    }

    /** The earliest timestamp held, or {@code Long.MAX_VALUE} when empty. */
    synchronized long minTime() {
        if (sealedCount > 0) {
            return sealed[0].minTime();
        }
        return open != null ? open.minTime() : Long.MAX_VALUE;
    }

    /**
     * Seals and returns the chunks whose points all lie before {@code boundary}; they stay in the head (queries
     * see them) until {@link #release} once they are durable in a block.
     */
    synchronized List<Chunk> chunksBefore(long boundary) {
        if (open != null && open.maxTime() < boundary) {
            sealOpen();
        }
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < sealedCount && sealed[i].maxTime() < boundary; i++) {
            out.add(sealed[i]);
        }
        return out;
    }

    /**
     * Drops exactly these chunk objects (now in a block); a chunk rewritten since by an out-of-order point is a
     * different object and stays, so no point is lost.
     */
    synchronized void release(List<Chunk> written) {
        if (written.isEmpty()) {
            return;
        }
        Set<Chunk> gone = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        gone.addAll(written);
        int k = 0;
        for (int i = 0; i < sealedCount; i++) {
            if (gone.contains(sealed[i])) {
                size -= sealed[i].count();
            } else {
                sealed[k++] = sealed[i];
            }
        }
        Arrays.fill(sealed, k, sealedCount, null);
        sealedCount = k;
        if (sealedCount < sealed.length / 4) {
            sealed = Arrays.copyOf(sealed, Math.max(sealedCount, 0));
        }
    }

    /** Drops points older than {@code cutoff}; returns how many. */
    synchronized int dropBefore(long cutoff) {
        int dropped = 0;
        int k = 0;
        for (int i = 0; i < sealedCount; i++) {
            Chunk c = sealed[i];
            if (c.maxTime() < cutoff) {
                dropped += c.count();
            } else if (c.minTime() < cutoff) {
                Chunk kept = keepFrom(c, cutoff);
                dropped += c.count() - kept.count();
                sealed[k++] = kept;
            } else {
                sealed[k++] = c;
            }
        }
        Arrays.fill(sealed, k, sealedCount, null);
        sealedCount = k;
        if (open != null && open.minTime() < cutoff) {
            Chunk c = open.toChunk();
            if (c.maxTime() < cutoff) {
                dropped += c.count();
                open = null;
            } else {
                Chunk kept = keepFrom(c, cutoff);
                dropped += c.count() - kept.count();
                open = reopen(kept);
            }
        }
        size -= dropped;
        return dropped;
    }

    /** The points of {@code c} at or after {@code cutoff} (at least one, as {@code c.maxTime() >= cutoff}). */
    private static Chunk keepFrom(Chunk c, long cutoff) {
        long[] ts = new long[c.count()];
        double[] vs = new double[c.count()];
        int k = 0;
        ChunkIterator it = c.iterator();
        while (it.next()) {
            if (it.timestamp() >= cutoff) {
                ts[k] = it.timestamp();
                vs[k] = it.value();
                k++;
            }
        }
        return Chunk.encode(ts, vs, 0, k);
    }

    /** Points held in the head. */
    synchronized int size() {
        return size;
    }

    synchronized long memoryBytes() {
        long bytes = OVERHEAD_BYTES + 16L + 8L * sealed.length;
        for (int i = 0; i < sealedCount; i++) {
            bytes += sealed[i].memoryBytes();
        }
        if (open != null) {
            bytes += open.memoryBytes();
        }
        return bytes;
    }
}
