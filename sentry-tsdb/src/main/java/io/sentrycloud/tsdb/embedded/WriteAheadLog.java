package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The write-ahead log: append-only segment files {@code NNNNNNNN.wal} under one directory.
 *
 * <p>A segment starts with an 8-byte header (magic, version); then frames of {@code length u32 | crc32c u32 |
 * payload}. A payload is a series definition ({@code 1 | id | metric | tags}) or a batch of samples ({@code 2 |
 * count | (id, zig-zag ts delta, float64 bits)*}). A series is defined in the log before its first sample.
 *
 * <p>Group commit: writers {@link #append} their frames to a shared buffer and get a sequence number; then
 * {@link #awaitDurable} makes one of the waiting writers write everything pending and fsync once for all of them.
 */
final class WriteAheadLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteAheadLog.class);

    static final int MAGIC = 0x53574C31; // "SWL1"
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int FRAME_HEADER_BYTES = 8;
    static final int MAX_PAYLOAD_BYTES = 64 << 20;
    static final int TYPE_SERIES = 1;
    static final int TYPE_SAMPLES = 2;
    /** Samples per frame, so that one huge batch does not make one huge frame. */
    static final int MAX_SAMPLES_PER_FRAME = 100_000;
    private static final String SUFFIX = ".wal";
    /** Series definitions of segments that were deleted; written whole, before the deletion. */
    static final String CHECKPOINT = "series.checkpoint";

    /** What replay hands back, in log order. */
    interface Replay {
        void series(int id, SeriesKey key);

        void sample(int seriesId, long timestamp, double value);
    }

    private final Path dir;
    private final FsyncPolicy policy;
    private final long segmentBytes;

    private final Object bufferLock = new Object();
    private RecordBuffer pending = new RecordBuffer(1 << 16);
    private RecordBuffer spare = new RecordBuffer(1 << 16);
    private long appendedSeq;
    /** Greatest sample timestamp in {@code pending}; moves with the bytes into the segment they land in. */
    private long pendingMaxTime = Long.MIN_VALUE;
    /** Greatest sample timestamp per segment (guarded by flushLock; replay fills it for old segments). */
    private final TreeMap<Integer, Long> segmentMaxTime = new TreeMap<>();

    private final ReentrantLock flushLock = new ReentrantLock();
    private volatile long durableSeq;
    private FileChannel segment;
    private int segmentIndex;
    private long segmentSize;
    private volatile IOException failure;
    private volatile boolean closed;
    private final ScheduledExecutorService syncer;

    private WriteAheadLog(Path dir, FsyncPolicy policy, long segmentBytes, int firstSegment) throws IOException {
        this.dir = dir;
        this.policy = policy;
        this.segmentBytes = segmentBytes;
        openSegment(firstSegment);
        if (policy.isEveryBatch()) {
            syncer = null;
        } else {
            syncer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sentry-tsdb-wal-sync");
                t.setDaemon(true);
                return t;
            });
            syncer.scheduleWithFixedDelay(this::backgroundSync, policy.intervalMillis(), policy.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Replays every segment of {@code dir} into {@code replay}, truncating a torn or corrupt tail, then opens a
     * fresh segment for appending.
     */
    static WriteAheadLog open(Path dir, FsyncPolicy policy, long segmentBytes, Replay replay) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(CHECKPOINT + ".tmp"));
            Path checkpoint = dir.resolve(CHECKPOINT);
            if (Files.exists(checkpoint)) {
                replaySegment(checkpoint, replay, new long[1]);
            }
            TreeMap<Integer, Path> segments = segments(dir);
            TreeMap<Integer, Long> maxTimes = new TreeMap<>();
            for (var e : segments.entrySet()) {
                Path p = e.getValue();
                long[] max = {Long.MIN_VALUE};
                replaySegment(p, replay, max);
                if (Files.size(p) <= HEADER_BYTES) {
                    // nothing in it (a store opened and closed without writes, or a ruined header)
                    Files.delete(p);
                } else {
                    maxTimes.put(e.getKey(), max[0]);
                }
            }
            int next = segments.isEmpty() ? 1 : segments.lastKey() + 1;
            WriteAheadLog wal = new WriteAheadLog(dir, policy, segmentBytes, next);
            wal.segmentMaxTime.putAll(maxTimes);
            return wal;
        } catch (IOException e) {
            throw new StoreException("cannot open the write-ahead log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Frames a series definition into {@code out}. */
    static void encodeSeries(RecordBuffer out, int id, SeriesKey key) {
        int start = beginFrame(out);
        out.putByte(TYPE_SERIES);
        out.putVarint(id);
        out.putString(key.metric());
        out.putVarint(key.tags().size());
        key.tags().forEach((k, v) -> {
            out.putString(k);
            out.putString(v);
        });
        endFrame(out, start);
    }

    /** Frames samples {@code [from, to)} of the given arrays into {@code out}, splitting long runs. */
    static void encodeSamples(RecordBuffer out, int[] ids, long[] timestamps, double[] values, int from, int to) {
        for (int chunk = from; chunk < to; chunk += MAX_SAMPLES_PER_FRAME) {
            int end = Math.min(to, chunk + MAX_SAMPLES_PER_FRAME);
            int start = beginFrame(out);
            out.putByte(TYPE_SAMPLES);
            out.putVarint(end - chunk);
            long prev = 0;
            for (int i = chunk; i < end; i++) {
                out.putVarint(ids[i]);
                out.putSignedVarint(timestamps[i] - prev);
                prev = timestamps[i];
                out.putDouble(values[i]);
            }
            endFrame(out, start);
        }
    }

    private static int beginFrame(RecordBuffer out) {
        int start = out.size();
        out.putInt(0);
        out.putInt(0);
        return start;
    }

    private static void endFrame(RecordBuffer out, int start) {
        int payloadStart = start + FRAME_HEADER_BYTES;
        int length = out.size() - payloadStart;
        if (length > MAX_PAYLOAD_BYTES) {
            throw new StoreException("write-ahead log record of " + length + " bytes is larger than the "
                    + MAX_PAYLOAD_BYTES + " allowed");
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), payloadStart, length);
        out.setInt(start, length);
        out.setInt(start + 4, (int) crc.getValue());
    }

    /** Queues framed bytes; returns the sequence number to pass to {@link #awaitDurable}. */
    long append(RecordBuffer frames, long maxTimestamp) {
        if (failure != null) {
            throw new StoreException("the write-ahead log failed earlier and accepts no more writes: "
                    + failure.getMessage(), failure);
        }
        synchronized (bufferLock) {
            pending.putBytes(frames.array(), 0, frames.size());
            pendingMaxTime = Math.max(pendingMaxTime, maxTimestamp);
            return ++appendedSeq;
        }
    }

    /** Returns once everything up to {@code seq} is written, and fsync'ed when the policy is every batch. */
    void awaitDurable(long seq) {
        if (durableSeq >= seq) {
            return;
        }
        flushLock.lock();
        try {
            if (durableSeq >= seq) {
                return;
            }
            flushPending(policy.isEveryBatch());
        } catch (IOException e) {
            failure = e;
            throw new StoreException("cannot write the write-ahead log segment " + segmentName(segmentIndex)
                    + " in " + dir + ": " + e.getMessage(), e);
        } finally {
            flushLock.unlock();
        }
    }

    /** Writes and fsyncs everything appended so far. */
    void sync() {
        flushLock.lock();
        try {
            flushPending(true);
        } catch (IOException e) {
            failure = e;
            throw new StoreException("cannot sync the write-ahead log in " + dir + ": " + e.getMessage(), e);
        } finally {
            flushLock.unlock();
        }
    }

    private void flushPending(boolean force) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("write-ahead log is closed");
        }
        long upTo;
        long maxTime;
        synchronized (bufferLock) {
            RecordBuffer t = pending;
            pending = spare;
            spare = t;
            upTo = appendedSeq;
            maxTime = pendingMaxTime;
            pendingMaxTime = Long.MIN_VALUE;
        }
        if (spare.size() > 0) {
            segmentMaxTime.merge(segmentIndex, maxTime, Math::max);
        }
        if (spare.size() > 0) {
            ByteBuffer bb = ByteBuffer.wrap(spare.array(), 0, spare.size());
            while (bb.hasRemaining()) {
                segment.write(bb);
            }
            segmentSize += spare.size();
            spare.reset();
        }
        if (force) {
            segment.force(false);
        }
        durableSeq = upTo;
        if (segmentSize >= segmentBytes) {
            segment.force(false);
            segment.close();
            openSegment(segmentIndex + 1);
        }
    }

    /**
     * Writes and fsyncs what is pending, then starts a new segment; returns its number. Everything appended before
     * the call is in segments with smaller numbers.
     */
    int rotate() {
        flushLock.lock();
        try {
            flushPending(true);
            if (segmentSize > HEADER_BYTES) {
                segment.close();
                openSegment(segmentIndex + 1);
            }
            return segmentIndex;
        } catch (IOException e) {
            failure = e;
            throw new StoreException("cannot start a new write-ahead log segment in " + dir + ": " + e.getMessage(), e);
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * Deletes the segments numbered below {@code before} whose samples all lie before {@code boundary} (they are
     * in blocks now), after writing {@code series} as the checkpoint that keeps their series definitions.
     * Returns how many segments went.
     */
    int truncate(int before, long boundary, Iterable<HeadSeries> series) {
        flushLock.lock();
        try {
            List<Integer> doomed = new ArrayList<>();
            for (var e : segmentMaxTime.headMap(before, false).entrySet()) {
                if (e.getValue() < boundary) {
                    doomed.add(e.getKey());
                }
            }
            if (doomed.isEmpty()) {
                return 0;
            }
            writeCheckpoint(series);
            for (int index : doomed) {
                Files.deleteIfExists(dir.resolve(segmentName(index)));
                segmentMaxTime.remove(index);
            }
            forceDirectory(dir);
            return doomed.size();
        } catch (IOException e) {
            throw new StoreException("cannot truncate the write-ahead log in " + dir + ": " + e.getMessage(), e);
        } finally {
            flushLock.unlock();
        }
    }

    /** Bytes of the live segments (the part a restart replays). */
    long bytes() {
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                total += Files.size(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return total;
        }
        return total;
    }

    private void writeCheckpoint(Iterable<HeadSeries> series) throws IOException {
        Path tmp = dir.resolve(CHECKPOINT + ".tmp");
        RecordBuffer out = new RecordBuffer(1 << 20);
        out.putInt(MAGIC);
        out.putInt(VERSION);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (HeadSeries s : series) {
                encodeSeries(out, s.id, s.key);
                if (out.size() > (1 << 20)) {
                    writeFully(ch, out);
                    out.reset();
                }
            }
            writeFully(ch, out);
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(CHECKPOINT), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    private static void writeFully(FileChannel ch, RecordBuffer out) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(out.array(), 0, out.size());
        while (bb.hasRemaining()) {
            ch.write(bb);
        }
    }

    private void backgroundSync() {
        flushLock.lock();
        try {
            if (!closed && failure == null) {
                flushPending(true);
            }
        } catch (IOException e) {
            failure = e;
            log.error("background fsync of the write-ahead log in {} failed; further writes will be refused",
                    dir, e);
        } finally {
            flushLock.unlock();
        }
    }

    private void openSegment(int index) throws IOException {
        Path p = dir.resolve(segmentName(index));
        segment = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).flip();
        while (header.hasRemaining()) {
            segment.write(header);
        }
        segment.force(false);
        forceDirectory(dir);
        segmentIndex = index;
        segmentSize = HEADER_BYTES;
    }

    static void forceDirectory(Path dir) throws IOException {
        // the new file's directory entry must be durable too, or a crash can lose the whole segment
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    static String segmentName(int index) {
        return String.format("%08d%s", index, SUFFIX);
    }

    private static TreeMap<Integer, Path> segments(Path dir) throws IOException {
        TreeMap<Integer, Path> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX)) {
                    try {
                        result.put(Integer.parseInt(name.substring(0, name.length() - SUFFIX.length())), p);
                    } catch (NumberFormatException e) {
                        log.warn("ignoring {} in the write-ahead log directory: not a segment name", p);
                    }
                }
            }
        }
        return result;
    }

    /** Replays one segment; truncates it at the first frame that is torn or fails its checksum. */
    private static void replaySegment(Path file, Replay target, long[] maxTime) throws IOException {
        Replay replay = new Replay() {
            @Override
            public void series(int id, SeriesKey key) {
                target.series(id, key);
            }

            @Override
            public void sample(int seriesId, long timestamp, double value) {
                maxTime[0] = Math.max(maxTime[0], timestamp);
                target.sample(seriesId, timestamp, value);
            }
        };
        byte[] data = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(data);
        if (data.length < HEADER_BYTES || buf.getInt() != MAGIC || buf.getInt() != VERSION) {
            log.warn("write-ahead log segment {} has a missing or bad header (size {} bytes); truncating it to 0",
                    file, data.length);
            truncate(file, 0);
            return;
        }
        int offset = HEADER_BYTES;
        while (offset < data.length) {
            String problem = null;
            if (data.length - offset < FRAME_HEADER_BYTES) {
                problem = "torn frame header";
            } else {
                int length = buf.getInt(offset);
                int crc = buf.getInt(offset + 4);
                if (length <= 0 || length > MAX_PAYLOAD_BYTES) {
                    problem = "bad frame length " + length;
                } else if (length > data.length - offset - FRAME_HEADER_BYTES) {
                    problem = "torn frame (" + length + " bytes announced, "
                            + (data.length - offset - FRAME_HEADER_BYTES) + " present)";
                } else {
                    CRC32C c = new CRC32C();
                    c.update(data, offset + FRAME_HEADER_BYTES, length);
                    if ((int) c.getValue() != crc) {
                        problem = "checksum mismatch";
                    } else {
                        try {
                            decode(ByteBuffer.wrap(data, offset + FRAME_HEADER_BYTES, length).slice(), replay);
                        } catch (CorruptRecordException e) {
                            problem = "undecodable record: " + e.getMessage();
                        }
                    }
                }
                if (problem == null) {
                    offset += FRAME_HEADER_BYTES + length;
                    continue;
                }
            }
            log.warn("write-ahead log segment {} is torn or corrupt at offset {} ({}); truncating {} bytes, "
                    + "everything before it is loaded", file, offset, problem, data.length - offset);
            truncate(file, offset);
            break;
        }
    }

    private static void decode(ByteBuffer payload, Replay replay) {
        RecordReader r = new RecordReader(payload);
        int type = r.getByte();
        switch (type) {
            case TYPE_SERIES -> {
                int id = r.getCount(Integer.MAX_VALUE);
                String metric = r.getString();
                int n = r.getCount(payload.remaining());
                TreeMap<String, String> tags = new TreeMap<>();
                for (int i = 0; i < n; i++) {
                    tags.put(r.getString(), r.getString());
                }
                replay.series(id, new SeriesKey(metric, tags));
            }
            case TYPE_SAMPLES -> {
                int n = r.getCount(MAX_SAMPLES_PER_FRAME);
                long prev = 0;
                for (int i = 0; i < n; i++) {
                    int id = r.getCount(Integer.MAX_VALUE);
                    prev += r.getSignedVarint();
                    replay.sample(id, prev, r.getDouble());
                }
            }
            default -> throw new CorruptRecordException("unknown record type " + type);
        }
        if (r.hasRemaining()) {
            throw new CorruptRecordException("trailing bytes after a record of type " + type);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.force(true);
        }
    }

    /** Writes and fsyncs what is pending, then closes the segment. */
    @Override
    public void close() {
        if (syncer != null) {
            // not shutdownNow(): an interrupt inside force() would close the segment under the final flush
            syncer.shutdown();
            try {
                syncer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushLock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (failure == null) {
                    flushPending(true);
                }
            } finally {
                closed = true;
                segment.close();
            }
        } catch (IOException e) {
            throw new StoreException("cannot close the write-ahead log in " + dir + ": " + e.getMessage(), e);
        } finally {
            flushLock.unlock();
        }
    }
}
