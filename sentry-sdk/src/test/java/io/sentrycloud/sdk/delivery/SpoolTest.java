package io.sentrycloud.sdk.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.sdk.MetricPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private static Batch batch(int first, int n) {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new MetricPoint("m", Map.of("k", "v"), 1700000000L + first + i, first + i));
        }
        return Batch.of(points);
    }

    @Test
    void memorySpoolKeepsOrderAndDropsOldestPastItsBound() {
        Batch b = batch(0, 10);
        MemorySpool spool = new MemorySpool(b.bytes() * 3L);
        List<Batch> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Batch x = batch(i * 10, 10);
            added.add(x);
            spool.append(x);
            assertThat(spool.bytes()).isLessThanOrEqualTo(b.bytes() * 3L + 64);
        }
        assertThat(spool.droppedPoints() + spool.points()).isEqualTo(50);
        assertThat(spool.droppedPoints()).isPositive();
        // what is left is the newest, in order
        List<Batch> left = new ArrayList<>();
        while (spool.head() != null) {
            left.add(spool.head());
            spool.removeHead();
        }
        assertThat(left).isEqualTo(added.subList(added.size() - left.size(), added.size()));
        assertThat(spool.points()).isZero();
        assertThat(spool.bytes()).isZero();
    }

    @Test
    void aBatchLargerThanTheWholeSpoolIsDroppedAlone() {
        MemorySpool spool = new MemorySpool(10);
        spool.append(batch(0, 100));
        assertThat(spool.batches()).isZero();
        assertThat(spool.droppedPoints()).isEqualTo(100);
    }

    @Test
    void diskSpoolSurvivesReopeningInOrder() throws Exception {
        DiskSpool spool = new DiskSpool(dir, 1 << 20);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Batch b = batch(i * 5, 5);
            bodies.add(b.gzipJson());
            spool.append(b);
        }
        spool.removeHead();
        spool.close();

        DiskSpool reopened = new DiskSpool(dir, 1 << 20);
        assertThat(reopened.batches()).isEqualTo(11);
        assertThat(reopened.points()).isEqualTo(55);
        for (int i = 1; i < 12; i++) {
            assertThat(reopened.head().gzipJson()).isEqualTo(bodies.get(i));
            assertThat(reopened.head().points()).isEqualTo(5);
            reopened.removeHead();
        }
        assertThat(reopened.head()).isNull();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        // sequence numbers keep increasing after a reopen, so new batches sort after old ones
        reopened.append(batch(100, 1));
        DiskSpool third = new DiskSpool(dir, 1 << 20);
        third.append(batch(200, 2));
        assertThat(third.head().points()).isEqualTo(1);
    }

    @Test
    void diskSpoolRespectsItsSizeLimitOnDiskDroppingOldest() throws Exception {
        Batch probe = batch(0, 50);
        long limit = probe.bytes() * 4L;
        DiskSpool spool = new DiskSpool(dir, limit);
        for (int i = 0; i < 20; i++) {
            spool.append(batch(i * 50, 50));
            assertThat(directoryBytes()).isLessThanOrEqualTo(limit);
        }
        assertThat(spool.droppedPoints() + spool.points()).isEqualTo(1000);
        assertThat(spool.droppedPoints()).isGreaterThanOrEqualTo(1000 - 4 * 50 - 50);
        // the survivors are the newest batches: the last one appended is at the tail
        Batch last = null;
        while (spool.head() != null) {
            last = spool.head();
            spool.removeHead();
        }
        assertThat(last.gzipJson()).isEqualTo(batch(19 * 50, 50).gzipJson());
    }

    @Test
    void aReopenedSpoolOverItsNewLimitDropsOldestAtOnce() {
        DiskSpool spool = new DiskSpool(dir, 1 << 20);
        for (int i = 0; i < 10; i++) {
            spool.append(batch(i * 10, 10));
        }
        DiskSpool smaller = new DiskSpool(dir, batch(0, 10).bytes() * 2L + 10);
        assertThat(smaller.batches()).isLessThanOrEqualTo(2);
        assertThat(smaller.droppedPoints()).isEqualTo(100 - smaller.points());
    }

    @Test
    void strayTemporaryFilesFromACrashAreRemoved() throws Exception {
        Files.write(dir.resolve("0000000000000000001-5.json.gz.tmp"), new byte[]{1, 2});
        DiskSpool spool = new DiskSpool(dir, 1 << 20);
        assertThat(spool.batches()).isZero();
        assertThat(Files.exists(dir.resolve("0000000000000000001-5.json.gz.tmp"))).isFalse();
    }

    private long directoryBytes() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
