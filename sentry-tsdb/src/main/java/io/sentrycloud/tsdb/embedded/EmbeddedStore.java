package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.BucketAggregates;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.SeriesResult;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.StoreStats;
import io.sentrycloud.tsdb.TagFilter;
import io.sentrycloud.tsdb.TimeSeriesStore;
import io.sentrycloud.tsdb.chunk.Chunk;
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
 * The embedded {@link TimeSeriesStore}: a write-ahead log for durability, a head of compressed in-memory chunks
 * per series, immutable time-partitioned on-disk blocks, and an inverted tag index. Open it with
 * {@link #open(EmbeddedOptions)}; one process at a time may hold a data directory.
 *
 * <p>Durability: {@link #write} returns when its batch is in the log per the {@link FsyncPolicy}. In the
 * background, once the newest data is more than an hour past a {@link HeadSeries#PARTITION_MILLIS 2-hour}
 * partition, the head's chunks before it are written as blocks (one per partition, atomically), dropped from the
 * head, and the log segments they came from are deleted; blocks of a finished day are compacted into one. On open
 * the blocks are mapped and only the remaining log is replayed. A damaged block or chunk is reported (log and
 * {@link StoreStats}) and skipped.
 *
 * <p>Points older than the retention ({@link EmbeddedOptions#keepDays()}) are not stored: a write drops them
 * (counted by {@link #expiredPointsDropped()}), queries never return them, and the sweep drops whole blocks that
 * have aged out and the head's aged points.
 *
 * <p>Query semantics are those of {@link Query}; groups without any point in the range are left out of the
 * answer, and for {@code LAST} a tie between series of a group at the same timestamp goes to the series that
 * sorts last.
 */
public final class EmbeddedStore implements TimeSeriesStore {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);
    private static final long RETENTION_SWEEP_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final long MAINTENANCE_MILLIS = 5_000;
    private static final long DAY_MILLIS = 86_400_000L;
    static final String BLOCKS = "blocks";
    /** Tries of a query before it runs with maintenance held off (see {@link #query(Query)}). */
    private static final int QUERY_ATTEMPTS = 3;

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
    private final Path blocksDir;
    private final Corruption corruption = new Corruption();
    /** Live blocks sorted by min time, then seq; replaced whole (copy on write). */
    private volatile List<Block> blocks = List.of();
    private final AtomicLong nextBlockSeq = new AtomicLong(1);
    /** Serializes cuts, compactions and retention. */
    private final ReentrantLock maintenanceLock = new ReentrantLock();
    /** Head data before this was cut into blocks (data written later out of order may be in the head still). */
    private volatile long cutBoundary = Long.MIN_VALUE;
    /** Newest timestamp written; the head keeps about an hour behind it. */
    private final AtomicLong headMaxTime = new AtomicLong(Long.MIN_VALUE);
    private volatile long lastRetentionSweep;
    /** Ids below this were defined in the log when it was replayed; blocks may bring series above it. */
    private final int walKnownIds;

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
                        } else {
                            if (s.add(timestamp, value)) {
                                pointCount.incrementAndGet();
                            }
                            if (timestamp > headMaxTime.get()) {
                                headMaxTime.set(timestamp);
                            }
                        }
                    }
                });
        if (skipped[0] > 0) {
            log.warn("write-ahead log in {} held {} samples of series whose definition was lost; skipped them",
                    options.dataDir(), skipped[0]);
        }
        long headPoints = pointCount.get();
        this.blocksDir = options.dataDir().resolve(BLOCKS);
        this.walKnownIds = index.nextId();
        loadBlocks();
        log.info("opened {}: {} series, {} blocks, {} points from the write-ahead log in {} ms "
                        + "({} past retention skipped)", options.dataDir(), index.size(), blocks.size(), headPoints,
                (System.nanoTime() - started) / 1_000_000, skipped[1]);
        lastRetentionSweep = System.nanoTime();
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sentry-tsdb-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::maintainSafely, MAINTENANCE_MILLIS, MAINTENANCE_MILLIS,
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
            long maxTime = Long.MIN_VALUE;
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
                maxTime = Math.max(maxTime, p.timestamp());
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
            seq = wal.append(frames, maxTime);
            if (maxTime > headMaxTime.get()) {
                headMaxTime.set(maxTime);
            }
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
        // A cut publishes its blocks and then releases the same points from the head: a query that planned on the
        // blocks before the cut and read the head after it would miss them. So a query whose block list changed
        // while it ran is run again; the last try holds off maintenance, so it cannot be overtaken forever.
        for (int attempt = 1; attempt < QUERY_ATTEMPTS; attempt++) {
            List<Block> snapshot = blocks;
            List<SeriesResult> results = query(query, snapshot);
            if (blocks == snapshot) {
                return results;
            }
        }
        maintenanceLock.lock();
        try {
            return query(query, blocks);
        } finally {
            maintenanceLock.unlock();
        }
    }

    private List<SeriesResult> query(Query query, List<Block> snapshot) {
        RoaringBitmap ids = index.select(query.metric(), query.filters());
        int seriesCount = ids.getCardinality();
        if (seriesCount > options.maxSeriesPerQuery()) {
            throw new LimitExceededException("query of '" + query.metric() + "' matches " + seriesCount
                    + " series, more than the limit of " + options.maxSeriesPerQuery()
                    + " per query; narrow the tag filters");
        }
        // points past the retention are never answered, whether or not a sweep has dropped them yet
        long start = Math.max(query.start(), retentionCutoff());
        long end = query.end();
        List<HeadSeries> series = new ArrayList<>(seriesCount);
        for (int id : ids) {
            series.add(index.get(id));
        }
        // key order makes LAST ties and float sums deterministic
        series.sort((a, b) -> a.key.compareTo(b.key));
        if (start > end) {
            return List.of();
        }
        QueryPlan plan = new QueryPlan(snapshot, start, end, query);
        long estimate = 0;
        for (HeadSeries s : series) {
            estimate += plan.countInRange(s);
        }
        // the estimate counts whole chunks; only when it passes the limit are points counted exactly as they are read
        boolean counting = estimate > options.maxPointsPerQuery();
        long read = 0;
        TreeMap<SeriesKey, List<BucketAggregates>> groups = new TreeMap<>();
        PointBuffer buffer = new PointBuffer();
        for (HeadSeries s : series) {
            BucketAggregates b = plan.read(s, buffer);
            if (counting) {
                read += buffer.size + plan.rollupPointsRead();
                if (read > options.maxPointsPerQuery()) {
                    throw new LimitExceededException("query of '" + query.metric() + "' would read at least " + read
                            + " points from " + seriesCount + " series, more than the limit of "
                            + options.maxPointsPerQuery() + " per query; shorten the range or narrow the tag filters");
                }
            }
            if (b.size() == 0) {
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
            List<DataPoint> reduced = BucketAggregates.mergeAll(partials).reduce(query.aggregation());
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
        List<Block> live = blocks;
        for (Block b : live) {
            memory[0] += b.memoryBytes();
        }
        return new StoreStats(index.size(), pointCount.get(), diskBytes(options.dataDir()), memory[0], live.size(),
                corruption.blocks() + corruption.chunks());
    }

    /** Points refused by writes because they were older than the retention. */
    public long expiredPointsDropped() {
        return expiredDropped.get();
    }

    /**
     * Drops whole blocks that have aged past the retention and the head's aged points; runs on its own (blocks at
     * every maintenance round, the head hourly), callable for tests.
     */
    void applyRetention() {
        maintenanceLock.lock();
        try {
            long cutoff = retentionCutoff();
            List<Block> aged = blocks.stream().filter(b -> b.maxTime() < cutoff).toList();
            if (!aged.isEmpty()) {
                removeBlocks(aged, null);
                long dropped = aged.stream().mapToLong(Block::points).sum();
                pointCount.addAndGet(-dropped);
                log.info("retention: dropped {} blocks ({} points) older than {} days", aged.size(), dropped,
                        options.keepDays());
            }
            long[] dropped = {0};
            index.forEach(s -> dropped[0] += s.dropBefore(cutoff));
            pointCount.addAndGet(-dropped[0]);
            if (dropped[0] > 0) {
                log.info("retention: dropped {} head points older than {} days", dropped[0], options.keepDays());
            }
        } finally {
            maintenanceLock.unlock();
        }
    }

    /**
     * Writes every point of the head into blocks, compacts, and truncates the write-ahead log, so the data
     * directory holds only blocks (and a restart replays nothing). For benchmarks and an orderly shutdown.
     */
    public void flush() {
        ensureOpen();
        maintenanceLock.lock();
        try {
            cut(Long.MAX_VALUE);
            compact(Long.MAX_VALUE);
        } finally {
            maintenanceLock.unlock();
        }
    }

    /** One round of background work: cut the head when due, compact finished days, apply retention. */
    void maintain() {
        maintenanceLock.lock();
        try {
            long newest = headMaxTime.get();
            if (newest != Long.MIN_VALUE) {
                long boundary = HeadSeries.partitionOf(newest - HeadSeries.PARTITION_MILLIS / 2);
                if (boundary > cutBoundary) {
                    cut(boundary);
                }
            }
            compact(cutBoundary);
            if (System.nanoTime() - lastRetentionSweep > TimeUnit.MILLISECONDS.toNanos(RETENTION_SWEEP_MILLIS)) {
                lastRetentionSweep = System.nanoTime();
                applyRetention();
            } else {
                long cutoff = retentionCutoff();
                if (blocks.stream().anyMatch(b -> b.maxTime() < cutoff)) {
                    applyRetention();
                }
            }
        } finally {
            maintenanceLock.unlock();
        }
    }

    /** Blocks live now (for tests and stats). */
    List<Block> blocks() {
        return blocks;
    }

    /**
     * Writes the head's chunks before {@code boundary} as one block per partition, drops them from the head once
     * the blocks are live, and deletes the log segments that held only such points.
     */
    private void cut(long boundary) {
        int segment;
        ingestLock.lock();
        try {
            // everything appended so far is in segments before this one, and in the head
            segment = wal.rotate();
        } finally {
            ingestLock.unlock();
        }
        List<HeadSeries> all = index.all();
        List<List<Chunk>> cutChunks = new ArrayList<>(all.size());
        java.util.TreeSet<Long> partitions = new java.util.TreeSet<>();
        for (HeadSeries s : all) {
            List<Chunk> chunks = s.chunksBefore(boundary);
            cutChunks.add(chunks);
            for (Chunk c : chunks) {
                partitions.add(HeadSeries.partitionOf(c.minTime()));
            }
        }
        List<Block> written = new ArrayList<>();
        try {
            for (long partition : partitions) {
                long partitionEnd = partition + HeadSeries.PARTITION_MILLIS;
                try (BlockWriter w = new BlockWriter(blocksDir, nextBlockSeq.getAndIncrement())) {
                    for (int i = 0; i < all.size(); i++) {
                        List<Chunk> chunks = cutChunks.get(i);
                        List<Chunk> inPartition = new ArrayList<>();
                        for (Chunk c : chunks) {
                            if (c.minTime() >= partition && c.maxTime() < partitionEnd) {
                                inPartition.add(c);
                            }
                        }
                        w.add(all.get(i).key, inPartition);
                    }
                    Path dir = w.commit(List.of());
                    if (dir != null) {
                        written.add(openBlock(dir));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the head still holds everything; the next round tries again
            written.forEach(b -> deleteBlockDir(b.dir()));
            log.error("cutting the head of {} into blocks failed; the data stays in memory and the log", 
                    options.dataDir(), e);
            return;
        }
        publish(written, List.of());
        for (int i = 0; i < all.size(); i++) {
            all.get(i).release(cutChunks.get(i));
        }
        cutBoundary = Math.max(cutBoundary, boundary);
        int deleted = wal.truncate(segment, boundary, index.all());
        if (!written.isEmpty()) {
            log.info("cut {} blocks ({} points) from the head before {}; {} log segments deleted", written.size(),
                    written.stream().mapToLong(Block::points).sum(), boundary == Long.MAX_VALUE ? "now" : boundary,
                    deleted);
        }
    }

    /**
     * Merges the blocks of each day that ends before {@code before} into one block (later blocks win a shared
     * timestamp), with fresh rollups, and deletes the merged ones.
     */
    private void compact(long before) {
        TreeMap<Long, List<Block>> days = new TreeMap<>();
        for (Block b : blocks) {
            long day = b.minTime() - Math.floorMod(b.minTime(), DAY_MILLIS);
            if (b.maxTime() < day + DAY_MILLIS) {
                days.computeIfAbsent(day, d -> new ArrayList<>()).add(b);
            }
        }
        for (var e : days.entrySet()) {
            List<Block> group = e.getValue();
            if (group.size() < 2 || (before != Long.MAX_VALUE && e.getKey() + DAY_MILLIS > before) || closed) {
                continue;
            }
            try {
                compactGroup(group);
            } catch (IOException | RuntimeException ex) {
                log.error("compacting {} blocks of {} failed; they stay as they are", group.size(),
                        options.dataDir(), ex);
            }
        }
    }

    private void compactGroup(List<Block> group) throws IOException {
        List<Block> bySeq = new ArrayList<>(group);
        bySeq.sort(java.util.Comparator.comparingLong(Block::seq));
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
        for (Block b : group) {
            for (int id : b.seriesIds()) {
                ids.add(id);
            }
        }
        List<Block> byTime = new ArrayList<>(group);
        byTime.sort(java.util.Comparator.comparingLong(Block::minTime).thenComparingLong(Block::seq));
        PointBuffer buffer = new PointBuffer();
        Block merged;
        try (BlockWriter w = new BlockWriter(blocksDir, nextBlockSeq.getAndIncrement())) {
            for (int id : ids) {
                buffer.reset();
                for (Block b : byTime) {
                    buffer.source((int) Math.min(Integer.MAX_VALUE - 1, b.seq()));
                    for (Chunk c : b.chunks(id, Long.MIN_VALUE, Long.MAX_VALUE)) {
                        buffer.addChunk(c, Long.MIN_VALUE, Long.MAX_VALUE);
                    }
                }
                buffer.settle();
                List<Chunk> chunks = new ArrayList<>();
                for (int from = 0; from < buffer.size; from += HeadSeries.CHUNK_POINTS) {
                    chunks.add(Chunk.encode(buffer.timestamps, buffer.values, from,
                            Math.min(buffer.size, from + HeadSeries.CHUNK_POINTS)));
                }
                w.add(index.get(id).key, chunks);
            }
            Path dir = w.commit(bySeq.stream().map(Block::seq).toList());
            merged = dir == null ? null : openBlock(dir);
        }
        long before = group.stream().mapToLong(Block::points).sum();
        publish(merged == null ? List.of() : List.of(merged), group);
        pointCount.addAndGet((merged == null ? 0 : merged.points()) - before);
        removeBlocks(List.of(), group);
        log.info("compacted {} blocks into {}", group.size(), merged);
    }

    private Block openBlock(Path dir) throws IOException {
        Block b = Block.open(dir, corruption);
        SeriesKey[] keys = b.keys();
        int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = index.registerIfAbsent(keys[i]).id;
        }
        b.bind(ids);
        return b;
    }

    /** Makes {@code added} live and {@code removed} not, in one step for queries. */
    private void publish(List<Block> added, List<Block> removed) {
        List<Block> next = new ArrayList<>(blocks);
        next.removeAll(removed);
        next.addAll(added);
        next.sort(java.util.Comparator.comparingLong(Block::minTime).thenComparingLong(Block::seq));
        blocks = List.copyOf(next);
    }

    /** Unpublishes {@code aged} and deletes the directories of both lists. */
    private void removeBlocks(List<Block> aged, List<Block> alreadyUnpublished) {
        if (!aged.isEmpty()) {
            publish(List.of(), aged);
        }
        for (Block b : aged) {
            deleteBlockDir(b.dir());
        }
        if (alreadyUnpublished != null) {
            for (Block b : alreadyUnpublished) {
                deleteBlockDir(b.dir());
            }
        }
    }

    private void deleteBlockDir(Path dir) {
        try {
            // a block is deleted by renaming it away first, so a crash never leaves half a block under its name
            Path doomed = dir.resolveSibling(dir.getFileName() + ".deleted");
            Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            BlockWriter.deleteTree(doomed);
        } catch (IOException e) {
            log.warn("cannot delete block {}; it is removed on the next open", dir, e);
        }
    }

    /**
     * Maps every block, skipping damaged ones, removes leftovers (unfinished writes, blocks a compaction
     * replaced), and registers the blocks' series.
     */
    private void loadBlocks() {
        try {
            Files.createDirectories(blocksDir);
            List<Path> dirs;
            try (Stream<Path> list = Files.list(blocksDir)) {
                dirs = list.sorted().toList();
            }
            List<Block> loaded = new ArrayList<>();
            long maxSeq = 0;
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.endsWith(".tmp") || name.endsWith(".deleted")) {
                    BlockWriter.deleteTree(dir);
                    continue;
                }
                if (!name.matches("\\d{8,}")) {
                    continue;
                }
                maxSeq = Math.max(maxSeq, Long.parseLong(name));
                try {
                    loaded.add(openBlock(dir));
                } catch (IOException | RuntimeException e) {
                    corruption.block(dir, e.getMessage());
                }
            }
            java.util.Set<Long> replaced = new java.util.HashSet<>();
            loaded.forEach(b -> replaced.addAll(b.parents()));
            List<Block> live = new ArrayList<>();
            for (Block b : loaded) {
                if (replaced.contains(b.seq())) {
                    deleteBlockDir(b.dir()); // a compaction finished writing its result but not deleting these
                } else {
                    live.add(b);
                    pointCount.addAndGet(b.points());
                    cutBoundary = Math.max(cutBoundary, HeadSeries.partitionOf(b.maxTime()));
                }
            }
            nextBlockSeq.set(maxSeq + 1);
            publish(live, List.of());
            ingestLock.lock();
            try {
                // series known only from blocks get ids now: the log must know them before any sample of theirs
                frames.reset();
                for (HeadSeries s : index.all()) {
                    if (s.id >= walKnownIds) {
                        WriteAheadLog.encodeSeries(frames, s.id, s.key);
                    }
                }
                if (frames.size() > 0) {
                    wal.awaitDurable(wal.append(frames, Long.MIN_VALUE));
                }
            } finally {
                ingestLock.unlock();
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the blocks in " + blocksDir + ": " + e.getMessage(), e);
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
        } finally {
            ingestLock.unlock();
        }
        // let a running cut or compaction finish: interrupting it would close its files under it
        maintenance.shutdown();
        try {
            if (!maintenance.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("background maintenance of {} did not finish in time", options.dataDir());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ingestLock.lock();
        try {
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

    private void maintainSafely() {
        if (closed) {
            return;
        }
        try {
            maintain();
        } catch (RuntimeException e) {
            log.error("background maintenance of {} failed", options.dataDir(), e);
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
