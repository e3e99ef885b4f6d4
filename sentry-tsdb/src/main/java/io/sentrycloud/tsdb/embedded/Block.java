package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.chunk.Chunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * An immutable on-disk block (see {@link BlockWriter} for the format), memory-mapped. The heap holds only two ints
 * per series (its id in the store and where its references start in the index); chunks are read from the map and
 * their checksum verified on every read, so a damaged chunk is reported and skipped, never decoded.
 */
final class Block {

    private final Path dir;
    private final long seq;
    private final long minTime;
    private final long maxTime;
    private final List<Long> parents;
    private final long points;
    private final MappedByteBuffer index;
    private final MappedByteBuffer chunks;
    private final int refsBase;
    private final Corruption corruption;
    private final SeriesKey[] keys;
    private final int[] refsOffset;
    /** Store series id → local ordinal + 1 (0: not in this block). */
    private int[] localOf = new int[0];
    private int[] idOf;
    private final long bytes;

    private Block(Path dir, long seq, long minTime, long maxTime, List<Long> parents, long points,
                  MappedByteBuffer index, MappedByteBuffer chunks, int refsBase, SeriesKey[] keys, int[] refsOffset,
                  Corruption corruption, long bytes) {
        this.dir = dir;
        this.seq = seq;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.parents = parents;
        this.points = points;
        this.index = index;
        this.chunks = chunks;
        this.refsBase = refsBase;
        this.keys = keys;
        this.refsOffset = refsOffset;
        this.corruption = corruption;
        this.bytes = bytes;
    }

    static String dirName(long seq) {
        return String.format("%08d", seq);
    }

    /**
     * Maps a block directory and checks its index checksum.
     *
     * @throws CorruptRecordException when the index is damaged or of an unknown format
     */
    static Block open(Path dir, Corruption corruption) throws IOException {
        MappedByteBuffer index = map(dir.resolve(BlockWriter.INDEX));
        MappedByteBuffer chunks = map(dir.resolve(BlockWriter.CHUNKS));
        int n = index.limit();
        if (n < 12 || index.getInt(0) != BlockWriter.INDEX_MAGIC) {
            throw new CorruptRecordException("index has no block header");
        }
        if (index.getInt(4) != BlockWriter.VERSION) {
            throw new CorruptRecordException("index version " + index.getInt(4) + " is not " + BlockWriter.VERSION);
        }
        CRC32C crc = new CRC32C();
        crc.update(index.duplicate().position(0).limit(n - 4));
        if ((int) crc.getValue() != index.getInt(n - 4)) {
            throw new CorruptRecordException("index checksum mismatch");
        }
        if (chunks.limit() < 4 || chunks.getInt(0) != BlockWriter.CHUNKS_MAGIC) {
            throw new CorruptRecordException("chunks file has no header");
        }
        RecordReader r = new RecordReader(index.duplicate().position(8).limit(n - 4));
        long seq = r.getVarint();
        long minTime = r.getLong();
        long maxTime = r.getLong();
        int parentCount = r.getCount(1 << 20);
        List<Long> parents = new ArrayList<>(parentCount);
        for (int i = 0; i < parentCount; i++) {
            parents.add(r.getVarint());
        }
        int seriesCount = r.getCount(1 << 30);
        long points = r.getVarint();
        int keysLength = r.getCount(n);
        int keysStart = r.position();
        int refsBase = keysStart + keysLength;
        SeriesKey[] keys = new SeriesKey[seriesCount];
        int[] refsOffset = new int[seriesCount];
        for (int i = 0; i < seriesCount; i++) {
            String metric = r.getString();
            int tagCount = r.getCount(1 << 16);
            TreeMap<String, String> tags = new TreeMap<>();
            for (int t = 0; t < tagCount; t++) {
                tags.put(r.getString(), r.getString());
            }
            keys[i] = new SeriesKey(metric, tags);
            refsOffset[i] = r.getCount(n);
        }
        if (r.position() != refsBase) {
            throw new CorruptRecordException("series keys end at " + r.position() + ", not at " + refsBase);
        }
        long bytes = Files.size(dir.resolve(BlockWriter.INDEX)) + Files.size(dir.resolve(BlockWriter.CHUNKS));
        return new Block(dir, seq, minTime, maxTime, List.copyOf(parents), points, index, chunks, refsBase, keys,
                refsOffset, corruption, bytes);
    }

    private static MappedByteBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
    }

    /** The keys of this block's series, in file order; {@link #bind} takes their store ids in the same order. */
    SeriesKey[] keys() {
        return keys;
    }

    /** Records the store's id of each series (same order as {@link #keys()}); the keys are released. */
    void bind(int[] ids) {
        int max = -1;
        for (int id : ids) {
            max = Math.max(max, id);
        }
        int[] table = new int[max + 1];
        for (int i = 0; i < ids.length; i++) {
            table[ids[i]] = i + 1;
        }
        localOf = table;
        idOf = ids.clone();
        Arrays.fill(keys, null);
    }

    /** Store ids of the series in this block. */
    int[] seriesIds() {
        return idOf;
    }

    boolean has(int id) {
        return id >= 0 && id < localOf.length && localOf[id] != 0;
    }

    /** Chunks of series {@code id} overlapping {@code [start, end]}, checksums verified, damaged ones skipped. */
    List<Chunk> chunks(int id, long start, long end) {
        RecordReader r = refs(id);
        if (r == null) {
            return List.of();
        }
        try {
            int n = r.getCount(1 << 24);
            List<Chunk> out = new ArrayList<>(Math.min(n, 16));
            for (int i = 0; i < n; i++) {
                long min = r.getLong();
                long max = min + r.getVarint();
                int count = r.getCount(1 << 24);
                long offset = r.getVarint();
                int length = r.getCount(Integer.MAX_VALUE);
                if (min <= end && max >= start) {
                    Chunk c = read(min, max, count, offset, length);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
            return out;
        } catch (CorruptRecordException e) {
            corruption.chunk(dir, -1, "references of a series: " + e.getMessage());
            return List.of();
        }
    }

    /** Points of series {@code id} in chunks overlapping {@code [start, end]} (an upper bound). */
    long countInRange(int id, long start, long end) {
        RecordReader r = refs(id);
        if (r == null) {
            return 0;
        }
        try {
            int n = r.getCount(1 << 24);
            long total = 0;
            for (int i = 0; i < n; i++) {
                long min = r.getLong();
                long max = min + r.getVarint();
                int count = r.getCount(1 << 24);
                r.getVarint();
                r.getVarint();
                if (min <= end && max >= start) {
                    total += count;
                }
            }
            return total;
        } catch (CorruptRecordException e) {
            return 0;
        }
    }

    /** The rollup of series {@code id} at {@code level}, or {@code null} when absent or damaged. */
    Rollup rollup(int id, Rollup.Level level) {
        RecordReader r = refs(id);
        if (r == null) {
            return null;
        }
        try {
            int n = r.getCount(1 << 24);
            for (int i = 0; i < n; i++) {
                skipRef(r);
            }
            for (Rollup.Level l : Rollup.Level.values()) {
                if (l != level) {
                    for (int i = 0; i < 4; i++) {
                        skipRef(r);
                    }
                    continue;
                }
                Chunk[] parts = new Chunk[4];
                for (int i = 0; i < 4; i++) {
                    long min = r.getLong();
                    long max = min + r.getVarint();
                    int count = r.getCount(1 << 24);
                    long offset = r.getVarint();
                    int length = r.getCount(Integer.MAX_VALUE);
                    parts[i] = read(min, max, count, offset, length);
                    if (parts[i] == null) {
                        return null;
                    }
                }
                return new Rollup(parts[0], parts[1], parts[2], parts[3]);
            }
            return null;
        } catch (CorruptRecordException e) {
            corruption.chunk(dir, -1, "references of a series: " + e.getMessage());
            return null;
        }
    }

    private static void skipRef(RecordReader r) {
        r.getLong();
        r.getVarint();
        r.getVarint();
        r.getVarint();
        r.getVarint();
    }

    private RecordReader refs(int id) {
        if (!has(id)) {
            return null;
        }
        int local = localOf[id] - 1;
        return new RecordReader(index.duplicate().position(refsBase + refsOffset[local]).limit(index.limit() - 4));
    }

    private Chunk read(long min, long max, int count, long offset, int length) {
        if (offset < 4 || offset + 8 + length > chunks.limit() || length < 4) {
            corruption.chunk(dir, offset, "reference past the end of the chunks file");
            return null;
        }
        int at = (int) offset;
        int storedLength = chunks.getInt(at);
        int storedCrc = chunks.getInt(at + 4);
        if (storedLength != length) {
            corruption.chunk(dir, offset, "length " + storedLength + " where the index says " + length);
            return null;
        }
        byte[] data = new byte[length];
        chunks.get(at + 8, data);
        CRC32C crc = new CRC32C();
        crc.update(data);
        if ((int) crc.getValue() != storedCrc) {
            corruption.chunk(dir, offset, "checksum mismatch");
            return null;
        }
        try {
            Chunk c = new Chunk(min, max, count, data);
            if (c.iterator().count() != count) {
                corruption.chunk(dir, offset, "point count differs from the index");
                return null;
            }
            return c;
        } catch (IllegalArgumentException e) {
            corruption.chunk(dir, offset, e.getMessage());
            return null;
        }
    }

    Path dir() {
        return dir;
    }

    long seq() {
        return seq;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return maxTime;
    }

    List<Long> parents() {
        return parents;
    }

    long points() {
        return points;
    }

    long bytes() {
        return bytes;
    }

    boolean overlaps(long start, long end) {
        return minTime <= end && maxTime >= start;
    }

    /** Heap held: the two id tables. */
    long memoryBytes() {
        return 64 + 4L * localOf.length + 8L * refsOffset.length;
    }

    @Override
    public String toString() {
        return "block " + dir.getFileName() + " [" + minTime + ".." + maxTime + "]";
    }
}
