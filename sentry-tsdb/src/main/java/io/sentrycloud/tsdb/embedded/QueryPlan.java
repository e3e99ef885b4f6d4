package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.BucketAggregates;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.chunk.Chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * How one query reads its series: which blocks overlap the range, and which of those it may read through their
 * rollups instead of raw chunks. A block serves rollups when the aggregation is not {@code LAST}, the downsample
 * is a multiple of a rollup width, the block lies wholly inside the range, and no other source (another block, or
 * the series' head) holds points of the block's time span that could override its own.
 */
final class QueryPlan {

    /** The head's rank among sources: above every block, so its points win a shared timestamp. */
    private static final int HEAD_RANK = Integer.MAX_VALUE;

    private final long start;
    private final long end;
    private final long downsample;
    private final List<Block> blocks;
    private final boolean[] rollupOk;
    private final Rollup.Level level;
    private long rollupPoints;
    private final boolean rate;

    QueryPlan(List<Block> live, long start, long end, Query query) {
        this.start = start;
        this.end = end;
        this.downsample = query.downsample();
        this.blocks = new ArrayList<>();
        for (Block b : live) {
            if (b.overlaps(start, end)) {
                blocks.add(b);
            }
        }
        this.rate = query.rate();
        // rollups keep neither the last value nor the raw points a rate needs
        this.level = query.aggregation() == Aggregation.LAST || rate ? null
                : Rollup.Level.servingDownsample(downsample);
        this.rollupOk = new boolean[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            boolean ok = level != null && b.minTime() >= start && b.maxTime() <= end;
            for (int j = 0; ok && j < blocks.size(); j++) {
                if (j != i && blocks.get(j).overlaps(b.minTime(), b.maxTime())) {
                    ok = false;
                }
            }
            rollupOk[i] = ok;
        }
    }

    /** Upper bound of the raw points (or rollup buckets) this plan reads for {@code s}. */
    long countInRange(HeadSeries s) {
        long n = s.countInRange(start, end);
        long headMin = s.minTime();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (!b.has(s.id)) {
                continue;
            }
            if (rollupOk[i] && headMin > b.maxTime()) {
                n += (b.maxTime() - b.minTime()) / level.millis + 1;
            } else {
                n += b.countInRange(s.id, start, end);
            }
        }
        return n;
    }

    /** Rollup buckets the last {@link #read} used (counted against the points limit like raw points). */
    long rollupPointsRead() {
        return rollupPoints;
    }

    /** The series' points in range from every source, reduced to per-bucket partials. */
    BucketAggregates read(HeadSeries s, PointBuffer buffer) {
        buffer.reset();
        rollupPoints = 0;
        List<BucketAggregates> fromRollups = null;
        long headMin = s.minTime();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (!b.has(s.id)) {
                continue;
            }
            if (rollupOk[i] && headMin > b.maxTime()) {
                Rollup r = b.rollup(s.id, level);
                if (r != null) {
                    if (fromRollups == null) {
                        fromRollups = new ArrayList<>();
                    }
                    fromRollups.add(r.buckets(downsample));
                    rollupPoints += r.sums().count();
                    continue;
                }
            }
            buffer.source((int) Math.min(HEAD_RANK - 1, b.seq()));
            for (Chunk c : b.chunks(s.id, start, end)) {
                buffer.addChunk(c, start, end);
            }
        }
        buffer.source(HEAD_RANK);
        for (Chunk c : s.chunks(start, end)) {
            buffer.addChunk(c, start, end);
        }
        buffer.settle();
        if (rate) {
            buffer.size = Query.toRates(buffer.timestamps, buffer.values, buffer.size);
        }
        BucketAggregates raw = BucketAggregates.of(buffer.timestamps, buffer.values, 0, buffer.size, downsample);
        if (fromRollups == null) {
            return raw;
        }
        BucketAggregates merged = raw;
        for (BucketAggregates b : fromRollups) {
            merged = BucketAggregates.merge(merged, b);
        }
        return merged;
    }
}
