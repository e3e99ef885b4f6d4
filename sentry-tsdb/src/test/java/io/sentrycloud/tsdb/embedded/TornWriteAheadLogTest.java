package io.sentrycloud.tsdb.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A crash can leave the log's last frame half written, or a disk can flip bytes: the rest must still load. */
class TornWriteAheadLogTest {

    static final long NOW = EmbeddedStoreTest.NOW;
    static final long T0 = EmbeddedStoreTest.T0;

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger walLogger = (Logger) LoggerFactory.getLogger(WriteAheadLog.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        walLogger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        walLogger.detachAppender(logged);
    }

    EmbeddedOptions options() {
        return EmbeddedOptions.defaults(dir).withClock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    /** Three batches, one point each, in one segment; returns that segment. */
    Path writeThreeBatches() throws IOException {
        try (EmbeddedStore s = EmbeddedStore.open(options())) {
            for (int i = 0; i < 3; i++) {
                s.write(List.of(Point.of("m", Map.of("h", "a"), T0 + i * 1000L, i + 1)));
            }
        }
        try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
            List<Path> segments = files.filter(p -> p.toFile().length() > WriteAheadLog.HEADER_BYTES).toList();
            assertThat(segments).hasSize(1);
            return segments.get(0);
        }
    }

    List<DataPoint> pointsAfterReopen() {
        try (EmbeddedStore s = EmbeddedStore.open(options())) {
            var r = s.query(new Query("m", List.of(), T0, T0 + 10_000, 0, Aggregation.SUM, List.of()));
            return r.isEmpty() ? List.of() : r.get(0).points();
        }
    }

    List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aTruncatedLastFrameIsDroppedAndEverythingBeforeItLoads() throws IOException {
        Path segment = writeThreeBatches();
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(size - 3);
        }
        assertThat(pointsAfterReopen()).containsExactly(new DataPoint(T0, 1), new DataPoint(T0 + 1000, 2));
        assertThat(warnings()).singleElement().asString().contains(segment.getFileName().toString())
                .contains("offset").contains("torn");
        assertThat(Files.size(segment)).as("the torn tail is truncated").isLessThan(size - 3);
        // a second open finds a clean log
        logged.list.clear();
        assertThat(pointsAfterReopen()).hasSize(2);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void garbledLastBytesFailTheChecksum() throws IOException {
        Path segment = writeThreeBatches();
        long size = Files.size(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(size - 2);
            int b = f.read();
            f.seek(size - 2);
            f.write(b ^ 0x5A);
        }
        assertThat(pointsAfterReopen()).containsExactly(new DataPoint(T0, 1), new DataPoint(T0 + 1000, 2));
        assertThat(warnings()).singleElement().asString().contains("checksum mismatch")
                .contains(segment.getFileName().toString());
    }

    @Test
    void aDamagedFrameLengthIsDetected() throws IOException {
        Path segment = writeThreeBatches();
        // the first frame after the header is the series definition; ruin its length: nothing of it can load
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(WriteAheadLog.HEADER_BYTES);
            f.writeInt(Integer.MAX_VALUE);
        }
        assertThat(pointsAfterReopen()).isEmpty();
        assertThat(warnings()).singleElement().asString().contains("offset " + WriteAheadLog.HEADER_BYTES);
    }

    @Test
    void zeroFilledTailFromAPreallocatedOrTornWriteIsDetected() throws IOException {
        Path segment = writeThreeBatches();
        Files.write(segment, new byte[100], java.nio.file.StandardOpenOption.APPEND);
        assertThat(pointsAfterReopen()).hasSize(3);
        assertThat(warnings()).singleElement().asString().contains("bad frame length 0");
    }

    @Test
    void aSegmentWithABrokenHeaderIsEmptiedAndOthersStillLoad() throws IOException {
        Path segment = writeThreeBatches();
        try (EmbeddedStore s = EmbeddedStore.open(options())) {
            s.write(List.of(Point.of("m", Map.of("h", "a"), T0 + 5000, 9)));
        }
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.writeInt(0xDEADBEEF);
        }
        // the later segment's samples refer to a series defined in the damaged one: they are skipped, not misread
        assertThat(pointsAfterReopen()).isEmpty();
        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("bad header"));
    }
}
