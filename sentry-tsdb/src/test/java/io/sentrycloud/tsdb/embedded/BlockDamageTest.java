package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Damaged blocks and chunks are found by checksum, reported and skipped; retention drops whole blocks. */
class BlockDamageTest {

    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final long START = 1_699_920_000_000L - Math.floorMod(1_699_920_000_000L, DAY);

    @TempDir
    Path dir;

    EmbeddedOptions options(long now) {
        return EmbeddedOptions.defaults(dir).withClock(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC))
                .withFsync(FsyncPolicy.everyMillis(1000));
    }

    /** Two series, one point a minute for {@code hours}, values equal to the minute index. */
    static void fill(EmbeddedStore s, long from, int hours) {
        List<Point> batch = new ArrayList<>();
        for (long t = from; t < from + hours * HOUR; t += 60_000) {
            batch.add(Point.of("m", Map.of("h", "a"), t, (t - from) / 60_000));
            batch.add(Point.of("m", Map.of("h", "b"), t, (t - from) / 60_000));
        }
        s.write(batch);
    }

    static List<SeriesResult> raw(EmbeddedStore s) {
        return s.query(new Query("m", List.of(), 0, Long.MAX_VALUE, 0, Aggregation.SUM, List.of("h")));
    }

    List<Path> blockDirs() throws Exception {
        try (Stream<Path> list = Files.list(dir.resolve(EmbeddedStore.BLOCKS))) {
            return list.sorted().toList();
        }
    }

    @Test
    void aDamagedChunkIsSkippedAndCountedAndEverythingElseIsAnswered() throws Exception {
        long now = START + 2 * DAY;
        try (EmbeddedStore s = EmbeddedStore.open(options(now))) {
            fill(s, START, 4);
            s.flush();
        }
        List<Path> blocks = blockDirs();
        assertThat(blocks).hasSize(1); // two 2-hour blocks of one day, compacted into one
        Path chunks = blocks.get(0).resolve(BlockWriter.CHUNKS);
        try (RandomAccessFile f = new RandomAccessFile(chunks.toFile(), "rw")) {
            f.seek(4 + 8 + 10); // inside the first chunk's data
            int b = f.read();
            f.seek(4 + 8 + 10);
            f.write(b ^ 0x40);
        }
        try (EmbeddedStore s = EmbeddedStore.open(options(now))) {
            List<SeriesResult> results = raw(s);
            assertThat(results).hasSize(2);
            int total = results.stream().mapToInt(r -> r.points().size()).sum();
            // one chunk (at most 120 points) of one series is gone, the other series is whole
            assertThat(total).isLessThan(2 * 240).isGreaterThanOrEqualTo(2 * 240 - HeadSeries.CHUNK_POINTS);
            assertThat(results).anySatisfy(r -> assertThat(r.points()).hasSize(240));
            assertThat(s.stats().corruptions()).isEqualTo(1);
        }
    }

    @Test
    void aBlockWithADamagedIndexIsSkippedAndTheOtherBlocksLoad() throws Exception {
        long now = START + 3 * DAY;
        try (EmbeddedStore s = EmbeddedStore.open(options(now))) {
            fill(s, START, 2);
            s.flush();
            fill(s, START + DAY, 2);
            s.flush();
        }
        List<Path> blocks = blockDirs();
        assertThat(blocks).hasSize(2);
        Path index = blocks.get(0).resolve(BlockWriter.INDEX);
        byte[] bytes = Files.readAllBytes(index);
        bytes[bytes.length / 2] ^= 1;
        Files.write(index, bytes);
        try (EmbeddedStore s = EmbeddedStore.open(options(now))) {
            List<SeriesResult> results = raw(s);
            assertThat(results).hasSize(2).allSatisfy(r -> {
                assertThat(r.points()).hasSize(120);
                assertThat(r.points().get(0).timestamp()).isEqualTo(START + DAY);
            });
            assertThat(s.stats().corruptions()).isEqualTo(1);
            assertThat(s.stats().blockCount()).isEqualTo(1);
        }
    }

    @Test
    void retentionDropsWholeBlocksThatAgedOut() throws Exception {
        long[] now = {START + 3 * DAY};
        Clock moving = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        try (EmbeddedStore s = EmbeddedStore.open(options(0).withClock(moving).withKeepDays(5))) {
            fill(s, START, 2);
            fill(s, START + DAY, 2);
            s.flush();
            assertThat(blockDirs()).hasSize(2);
            now[0] = START + 5 * DAY + 3 * HOUR; // the first day has aged out, the second not
            s.applyRetention();
            assertThat(blockDirs()).hasSize(1);
            assertThat(raw(s)).allSatisfy(r -> assertThat(r.points()).first()
                    .isEqualTo(new DataPoint(START + DAY, 0)));
            assertThat(s.stats().blockCount()).isEqualTo(1);
        }
    }
}
