package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.StoreStats;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.TimeSeriesStore;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The embedded {@link TimeSeriesStore}: a write-ahead log for durability, per-series sorted points in memory, and
 * an inverted tag index. Open it with {@link #open(EmbeddedOptions)}; one process at a time may hold a data
 * directory.
 *
 * <p>Durability: {@link #write} returns when its batch is in the log per the {@link FsyncPolicy}. Points older
 * than the retention ({@link EmbeddedOptions#keepDays()}) are not stored: a write drops them (counted by
 * {@link #expiredPointsDropped()}), and an hourly sweep drops points that have aged out since.
 *
 * <p>Query semantics are those of {@link Query}; groups without any point in the range are left out of the
 * answer, and for {@code LAST} a tie between series of a group at the same timestamp goes to the series that
 * sorts last.
 */
public final class EmbeddedStore implements TimeSeriesStore {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);
    private static final long RETENTION_SWEEP_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final EmbeddedOptions options;
    private final SeriesIndex index = new SeriesIndex();
    private final WriteAheadLog wal;
    /** Orders writers so that the log and memory see the same order (last write wins identically on replay). */
    private final ReentrantLock ingestLock = new ReentrantLock();
    private final RecordBuffer frames = new RecordBuffer(1 << 16);
    private final AtomicLong pointCount = new AtomicLong();
    private final AtomicLong expiredDropped = new AtomicLong();
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final ScheduledExecutorService maintenance;
    private volatile boolean closed;

    private EmbeddedStore(EmbeddedOptions options, FileChannel lockChannel, FileLock dirLock) {
        this.options = options;
        this.lockChannel = lockChannel;
        this.dirLock = dirLock;
        long started = System.nanoTime();
        long cutoff = retentionCutoff();
        long[] skipped = new long[2];
        this.wal = WriteAheadLog.open(options.dataDir().resolve("wal"), options.fsync(), options.walSegmentBytes(),
                new WriteAheadLog.Replay() {
                    @Override
                    public void series(int id, SeriesKey key) {
                        index.register(id, key);
                    }

                    @Override
                    public void sample(int seriesId, long timestamp, double value) {
                        HeadSeries s = index.get(seriesId);
                        if (s == null) {
                            skipped[0]++;
                        } else if (timestamp < cutoff) {
                            skipped[1]++;
                        } else if (s.add(timestamp, value)) {
                            pointCount.incrementAndGet();
                        }
                    }
                });
        if (skipped[0] > 0) {
            log.warn("write-ahead log in {} held {} samples of series whose definition was lost; skipped them",
                    options.dataDir(), skipped[0]);
        }
        log.info("opened {}: {} series, {} points from the write-ahead log in {} ms ({} past retention skipped)",
                options.dataDir(), index.size(), pointCount.get(), (System.nanoTime() - started) / 1_000_000,
                skipped[1]);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sentry-tsdb-retention");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::sweepSafely, RETENTION_SWEEP_MILLIS, RETENTION_SWEEP_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (or creates) the store in {@code options.dataDir()}, replaying its write-ahead log.
     *
     * @throws StoreException when the directory cannot be used or is held by another store
     */
    public static EmbeddedStore open(EmbeddedOptions options) {
        Path dir = options.dataDir();
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new StoreException("data directory " + dir + " is in use by another store");
            }
            return new EmbeddedStore(options, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot open data directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void write(List<Point> points) {
        ensureOpen();
        if (points.isEmpty()) {
            return;
        }
        long cutoff = retentionCutoff();
        long seq;
        ingestLock.lock();
        try {
            ensureOpen();
            int n = points.size();
            HeadSeries[] target = new HeadSeries[n];
            int[] ids = new int[n];
            long[] timestamps = new long[n];
            double[] values = new double[n];
            Map<SeriesKey, Integer> fresh = new LinkedHashMap<>();
            int firstNewId = index.nextId();
            int kept = 0;
            for (Point p : points) {
                if (p.timestamp() < cutoff) {
                    expiredDropped.incrementAndGet();
                    continue;
                }
                HeadSeries s = index.get(p.series());
                if (s != null) {
                    ids[kept] = s.id;
                    target[kept] = s;
                } else {
                    Integer id = fresh.get(p.series());
                    if (id == null) {
                        id = firstNewId + fresh.size();
                        fresh.put(p.series(), id);
                    }
                    ids[kept] = id;
                }
                timestamps[kept] = p.timestamp();
                values[kept] = p.value();
                kept++;
            }
            if (kept == 0) {
                return;
            }
            // validate before anything is written, so a refused batch leaves no trace
            if (!fresh.isEmpty() && (long) index.size() + fresh.size() > options.maxActiveSeries()) {
                throw new LimitExceededException("active series limit of " + options.maxActiveSeries()
                        + " reached: " + index.size() + " series stored, this write would add " + fresh.size()
                        + " new (first: " + fresh.keySet().iterator().next() + "); nothing of it was stored");
            }
            frames.reset();
            fresh.forEach((key, id) -> WriteAheadLog.encodeSeries(frames, id, key));
            WriteAheadLog.encodeSamples(frames, ids, timestamps, values, 0, kept);
            seq = wal.append(frames);
            fresh.forEach((key, id) -> index.register(id, key));
            long added = 0;
            for (int i = 0; i < kept; i++) {
                HeadSeries s = target[i] != null ? target[i] : index.get(ids[i]);
                if (s.add(timestamps[i], values[i])) {
                    added++;
                }
            }
            pointCount.addAndGet(added);
        } finally {
            ingestLock.unlock();
        }
        wal.awaitDurable(seq);
    }

    @Override
    public List<SeriesResult> query(Query query) {
        ensureOpen();
        RoaringBitmap ids = index.select(query.metric(), query.filters());
        int seriesCount = ids.getCardinality();
        if (seriesCount > options.maxSeriesPerQuery()) {
            throw new LimitExceededException("query of '" + query.metric() + "' matches " + seriesCount
                    + " series, more than the limit of " + options.maxSeriesPerQuery()
                    + " per query; narrow the tag filters");
        }
        List<HeadSeries> series = new ArrayList<>(seriesCount);
        long estimate = 0;
        for (int id : ids) {
            HeadSeries s = index.get(id);
            series.add(s);
            estimate += s.countInRange(query.start(), query.end());
        }
        // the estimate counts whole chunks; only when it passes the limit are points counted exactly as they are read
        boolean counting = estimate > options.maxPointsPerQuery();
        long read = 0;
        // key order makes LAST ties and float sums deterministic
        series.sort((a, b) -> a.key.compareTo(b.key));
        TreeMap<SeriesKey, List<Buckets>> groups = new TreeMap<>();
        PointBuffer buffer = new PointBuffer();
        for (HeadSeries s : series) {
            buffer.reset();
            for (var chunk : s.chunks(query.start(), query.end())) {
                buffer.addChunk(chunk, query.start(), query.end());
            }
            buffer.settle();
            if (counting) {
                read += buffer.size;
                if (read > options.maxPointsPerQuery()) {
                    throw new LimitExceededException("query of '" + query.metric() + "' would read at least " + read
                            + " points from " + seriesCount + " series, more than the limit of "
                            + options.maxPointsPerQuery() + " per query; shorten the range or narrow the tag filters");
                }
            }
            Buckets b = Buckets.of(buffer.timestamps, buffer.values, 0, buffer.size, query.downsample());
            if (b.size == 0) {
                continue;
            }
            TreeMap<String, String> groupTags = new TreeMap<>();
            for (String key : query.groupBy()) {
                String v = s.key.tag(key);
                if (v != null) {
                    groupTags.put(key, v);
                }
            }
            groups.computeIfAbsent(new SeriesKey(query.metric(), groupTags), k -> new ArrayList<>()).add(b);
        }
        List<SeriesResult> results = new ArrayList<>(groups.size());
        groups.forEach((group, partials) -> {
            List<DataPoint> reduced = Buckets.mergeAll(partials).reduce(query.aggregation());
            results.add(new SeriesResult(query.metric(), group.tags(), reduced));
        });
        return results;
    }

    @Override
    public List<String> metrics(String prefix, int limit) {
        ensureOpen();
        return index.metrics(prefixOrEmpty(prefix), checkLimit(limit));
    }

    @Override
    public List<String> tagKeys(String metric) {
        ensureOpen();
        return index.tagKeys(metric);
    }

    @Override
    public List<String> tagValues(String metric, String key, List<TagFilter> filters, String prefix, int limit) {
        ensureOpen();
        return index.tagValues(metric, key, filters, prefixOrEmpty(prefix), checkLimit(limit));
    }

    @Override
    public List<SeriesKey> series(String metric, List<TagFilter> filters, int limit) {
        ensureOpen();
        checkLimit(limit);
        RoaringBitmap ids = index.select(metric, filters);
        List<SeriesKey> keys = new ArrayList<>(ids.getCardinality());
        for (int id : ids) {
            keys.add(index.get(id).key);
        }
        keys.sort(null);
        return keys.size() > limit ? List.copyOf(keys.subList(0, limit)) : keys;
    }

    @Override
    public StoreStats stats() {
        ensureOpen();
        long[] memory = {index.memoryBytes()};
        index.forEach(s -> memory[0] += s.memoryBytes());
        return new StoreStats(index.size(), pointCount.get(), diskBytes(options.dataDir()), memory[0]);
    }

    /** Points refused by writes because they were older than the retention. */
    public long expiredPointsDropped() {
        return expiredDropped.get();
    }

    /** Drops points that have aged past the retention; runs hourly on its own, callable for tests. */
    void applyRetention() {
        long cutoff = retentionCutoff();
        long[] dropped = {0};
        index.forEach(s -> dropped[0] += s.dropBefore(cutoff));
        pointCount.addAndGet(-dropped[0]);
        if (dropped[0] > 0) {
            log.info("retention: dropped {} points older than {} days", dropped[0], options.keepDays());
        }
    }

    @Override
    public void close() {
        ingestLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            maintenance.shutdownNow();
            wal.close();
        } finally {
            ingestLock.unlock();
            releaseDirectory();
        }
    }

    private void releaseDirectory() {
        if (!lockChannel.isOpen()) {
            return;
        }
        try {
            dirLock.release();
        } catch (IOException e) {
            log.warn("cannot release the lock of {}", options.dataDir(), e);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private void sweepSafely() {
        try {
            applyRetention();
        } catch (RuntimeException e) {
            log.error("retention sweep of {} failed", options.dataDir(), e);
        }
    }

    private long retentionCutoff() {
        return options.clock().millis() - options.keepMillis();
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the store in " + options.dataDir() + " is closed");
        }
    }

    private static String prefixOrEmpty(String prefix) {
        return prefix == null ? "" : prefix;
    }

    private static int checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return limit;
    }

    static long diskBytes(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
