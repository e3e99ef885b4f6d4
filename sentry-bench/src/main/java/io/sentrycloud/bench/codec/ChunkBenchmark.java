package io.sentrycloud.bench.codec;

import io.sentrycloud.bench.data.AgentFleet;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.chunk.Chunk;
import io.sentrycloud.tsdb.chunk.ChunkEncoder;
import io.sentrycloud.tsdb.chunk.ChunkIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode of 120-point chunks (one per series) of the agent fleet's 50 metric kinds, reported per
 * point. {@code encode} is the streaming Gorilla encoder as the head appends; {@code seal} adds the choice of the
 * decimal form; {@code decode} reads sealed chunks back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChunkBenchmark {

    static final int POINTS = 120;
    static final int SERIES = 50;

    @Param({"1"})
    long seed;

    long[][] timestamps;
    double[][] values;
    Chunk[] sealed;

    @Setup(Level.Trial)
    public void generate() {
        AgentFleet fleet = new AgentFleet(new AgentFleet.Spec(1, SERIES, 10_000, 1_700_000_000_000L, seed));
        timestamps = new long[SERIES][POINTS];
        values = new double[SERIES][POINTS];
        for (int r = 0; r < POINTS; r++) {
            List<Point> round = fleet.nextRound();
            for (int s = 0; s < SERIES; s++) {
                timestamps[s][r] = round.get(s).timestamp();
                values[s][r] = round.get(s).value();
            }
        }
        sealed = new Chunk[SERIES];
        for (int s = 0; s < SERIES; s++) {
            sealed[s] = Chunk.encode(timestamps[s], values[s], 0, POINTS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS * SERIES)
    public void encode(Blackhole bh) {
        for (int s = 0; s < SERIES; s++) {
            ChunkEncoder e = new ChunkEncoder();
            for (int i = 0; i < POINTS; i++) {
                e.append(timestamps[s][i], values[s][i]);
            }
            bh.consume(e.toChunk());
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS * SERIES)
    public void seal(Blackhole bh) {
        for (int s = 0; s < SERIES; s++) {
            bh.consume(Chunk.encode(timestamps[s], values[s], 0, POINTS));
        }
    }

    @Benchmark
    @OperationsPerInvocation(POINTS * SERIES)
    public double decode() {
        double sum = 0;
        for (Chunk c : sealed) {
            ChunkIterator it = c.iterator();
            while (it.next()) {
                sum += it.value() + it.timestamp();
            }
        }
        return sum;
    }

    /** Bytes per point of the sealed chunks and of pure Gorilla XOR on the same data. */
    public static String compressionSummary() {
        ChunkBenchmark b = new ChunkBenchmark();
        b.seed = 1;
        b.generate();
        long sealedBytes = 0;
        long xorBytes = 0;
        int decimal = 0;
        for (int s = 0; s < SERIES; s++) {
            sealedBytes += b.sealed[s].data().length;
            ChunkEncoder e = new ChunkEncoder();
            for (int i = 0; i < POINTS; i++) {
                e.append(b.timestamps[s][i], b.values[s][i]);
            }
            xorBytes += e.toChunk().data().length;
            if (b.sealed[s].encoding() == Chunk.DECIMAL) {
                decimal++;
            }
        }
        double n = (double) SERIES * POINTS;
        return String.format(java.util.Locale.ROOT, "chunk bytes/point: sealed %.3f (decimal form chosen for %d of "
                + "%d series), Gorilla XOR only %.3f", sealedBytes / n, decimal, SERIES, xorBytes / n);
    }
}
