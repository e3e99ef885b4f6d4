package io.sentrycloud.tsdb.chunk;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkRoundTripTest {

    /** Encodes with the streaming encoder, the sealed form and the array form; all must read back bit-exactly. */
    static void assertRoundTrip(long[] ts, double[] vs) {
        ChunkEncoder e = new ChunkEncoder();
        for (int i = 0; i < ts.length; i++) {
            e.append(ts[i], vs[i]);
        }
        for (Chunk c : List.of(e.toChunk(), e.seal(), Chunk.encode(ts, vs, 0, ts.length))) {
            assertThat(c.count()).isEqualTo(ts.length);
            assertThat(c.minTime()).isEqualTo(ts[0]);
            assertThat(c.maxTime()).isEqualTo(ts[ts.length - 1]);
            ChunkIterator it = c.iterator();
            for (int i = 0; i < ts.length; i++) {
                assertThat(it.next()).as("point %d of %s", i, c).isTrue();
                assertThat(it.timestamp()).as("timestamp %d of %s", i, c).isEqualTo(ts[i]);
                assertThat(Double.doubleToRawLongBits(it.value())).as("value bits %d of %s", i, c)
                        .isEqualTo(Double.doubleToRawLongBits(vs[i]));
            }
            assertThat(it.next()).isFalse();
        }
    }

    static long[] sortedDistinct(List<Long> raw) {
        return new TreeSet<>(raw).stream().mapToLong(Long::longValue).toArray();
    }

    @Property
    void anyTimestampsAndAnyValueBitsRoundTrip(@ForAll @Size(min = 1, max = 300) List<Long> times,
                                              @ForAll("valueBits") long[] bits) {
        long[] ts = sortedDistinct(times);
        double[] vs = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            vs[i] = Double.longBitsToDouble(bits[i % bits.length]);
        }
        assertRoundTrip(ts, vs);
    }

    @Property
    void adversarialValuesRoundTrip(@ForAll("regularTimes") long[] ts, @ForAll("adversarial") List<Double> pool,
                                    @ForAll @IntRange(min = 0, max = 1000) int seed) {
        double[] vs = new double[ts.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < ts.length; i++) {
            vs[i] = pool.get(r.nextInt(pool.size()));
        }
        assertRoundTrip(ts, vs);
    }

    @Property
    void shortDecimalsAndCountersRoundTrip(@ForAll("regularTimes") long[] ts,
                                           @ForAll @IntRange(min = 0, max = 6) int decimals,
                                           @ForAll @IntRange(min = 0, max = 1000) int seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] vs = new double[ts.length];
        double scale = Math.pow(10, decimals);
        double v = r.nextInt(100_000);
        for (int i = 0; i < ts.length; i++) {
            v += r.nextInt(2_000) - 500;
            vs[i] = Math.round(v * scale + r.nextInt(100)) / scale;
        }
        assertRoundTrip(ts, vs);
    }

    @Provide
    Arbitrary<long[]> valueBits() {
        return Arbitraries.longs().array(long[].class).ofMinSize(1).ofMaxSize(300);
    }

    /** Scrape-like timestamps: a start, a period and per-point jitter, sometimes huge gaps. */
    @Provide
    Arbitrary<long[]> regularTimes() {
        return Combinators.combine(
                Arbitraries.longs().between(-1L << 50, 1L << 50),
                Arbitraries.longs().between(1, 3_600_000),
                Arbitraries.integers().between(1, 400),
                Arbitraries.integers().between(0, 1000)).as((start, period, n, seed) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    long[] ts = new long[n];
                    long t = start;
                    for (int i = 0; i < n; i++) {
                        ts[i] = t;
                        long step = period + (r.nextInt(10) == 0 ? r.nextLong(1L << 40) : r.nextInt(20));
                        t += Math.max(1, step);
                    }
                    return ts;
                });
    }

    /** NaNs with payloads, signed zeros, infinities, extremes and subnormals. */
    @Provide
    Arbitrary<List<Double>> adversarial() {
        return Arbitraries.of(Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
                Double.longBitsToDouble(0xfff8000000000123L), Double.longBitsToDouble(0x7fffffffffffffffL),
                0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, -1.0, 0.1, 12.34, 1e300, 9007199254740993.0)
                .list().ofMinSize(1).ofMaxSize(8);
    }

    @Test
    void extremeTimestampSpansRoundTrip() {
        assertRoundTrip(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE},
                new double[] {1, 2, 3, 4, 5});
        assertRoundTrip(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, new double[] {Double.NaN, -0.0});
    }

    @Test
    void equalOrDecreasingTimestampsAreRefusedByTheEncoder() {
        ChunkEncoder e = new ChunkEncoder();
        e.append(1000, 1);
        assertThatThrownBy(() -> e.append(1000, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after");
        assertThatThrownBy(() -> e.append(999, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chunk.encode(new long[] {5, 5}, new double[] {1, 2}, 0, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(e.count()).isEqualTo(1);
    }

    @Test
    void regularScrapesCompressWell() {
        int n = 120;
        long[] ts = new long[n];
        double[] counter = new double[n];
        double[] percent = new double[n];
        double[] constant = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        double c = 1_000_000;
        double p = 40;
        for (int i = 0; i < n; i++) {
            ts[i] = 1_700_000_000_000L + i * 10_000L + 3;
            c += 5_000 + Math.round(r.nextGaussian() * 1_500);
            p = Math.round(Math.max(0, Math.min(100, p + r.nextGaussian() * 1.5)) * 100) / 100.0;
            counter[i] = c;
            percent[i] = p;
            constant[i] = 8L << 30;
        }
        // the decimal form wins for short decimals; XOR would need several bytes per point here
        assertThat(Chunk.encode(ts, percent, 0, n).data().length).isLessThan(2 * n);
        assertThat(Chunk.encode(ts, counter, 0, n).data().length).isLessThan(2 * n + 16);
        assertThat(Chunk.encode(ts, constant, 0, n).data().length).isLessThan(n / 4 + 24);
        assertThat(Arrays.stream(new double[][] {counter, percent, constant})
                .allMatch(vs -> Chunk.encode(ts, vs, 0, n).encoding() == Chunk.DECIMAL)).isTrue();
    }
}
