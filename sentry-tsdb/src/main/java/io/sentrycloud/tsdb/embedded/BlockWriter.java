package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.chunk.Chunk;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes one immutable block: series are added one at a time with their chunks in time order; {@link #commit}
 * makes the block appear atomically (a temporary directory, fsync'ed, renamed into place).
 *
 * <p>Files of a block directory {@code blocks/NNNNNNNN/}:
 * <ul>
 *   <li>{@code chunks}: magic {@code SBC1}, then records {@code length u32 | crc32c u32 | chunk bytes};</li>
 *   <li>{@code index}: magic {@code SBI1}, version, then seq, time range, parent blocks, the series keys (each
 *   with the offset of its references), the references (per series its chunks' time range, count, offset and
 *   length, then per rollup level four chunk references), and a crc32c of everything before it.</li>
 * </ul>
 */
final class BlockWriter implements AutoCloseable {

    static final int CHUNKS_MAGIC = 0x53424331; // "SBC1"
    static final int INDEX_MAGIC = 0x53424931; // "SBI1"
    static final int VERSION = 1;
    static final String CHUNKS = "chunks";
    static final String INDEX = "index";

    private final Path blocksDir;
    private final long seq;
    private final Path tmp;
    private final FileChannel chunkChannel;
    private final OutputStream chunkOut;
    private long chunkOffset;
    private final RecordBuffer keys = new RecordBuffer(1 << 16);
    private final RecordBuffer refs = new RecordBuffer(1 << 16);
    private final byte[] recordHeader = new byte[8];
    private int seriesCount;
    private long points;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;
    private boolean done;

    BlockWriter(Path blocksDir, long seq) {
        this.blocksDir = blocksDir;
        this.seq = seq;
        this.tmp = blocksDir.resolve(Block.dirName(seq) + ".tmp");
        try {
            Files.createDirectories(tmp);
            chunkChannel = FileChannel.open(tmp.resolve(CHUNKS), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            chunkOut = new BufferedOutputStream(Channels.newOutputStream(chunkChannel), 1 << 20);
            writeInt(chunkOut, CHUNKS_MAGIC);
            chunkOffset = 4;
        } catch (IOException e) {
            throw new StoreException("cannot create block " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** Adds a series with its chunks (sorted by time, not overlapping); no-op without chunks. */
    void add(SeriesKey key, List<Chunk> chunks) throws IOException {
        if (chunks.isEmpty()) {
            return;
        }
        keys.putString(key.metric());
        keys.putVarint(key.tags().size());
        key.tags().forEach((k, v) -> {
            keys.putString(k);
            keys.putString(v);
        });
        keys.putVarint(refs.size());
        refs.putVarint(chunks.size());
        for (Chunk c : chunks) {
            putRef(c);
            points += c.count();
            minTime = Math.min(minTime, c.minTime());
            maxTime = Math.max(maxTime, c.maxTime());
        }
        for (Rollup.Level level : Rollup.Level.values()) {
            for (Chunk c : Rollup.of(chunks, level).chunks()) {
                putRef(c);
            }
        }
        seriesCount++;
    }

    private void putRef(Chunk c) throws IOException {
        refs.putLong(c.minTime());
        refs.putVarint(c.maxTime() - c.minTime());
        refs.putVarint(c.count());
        refs.putVarint(chunkOffset);
        refs.putVarint(c.data().length);
        CRC32C crc = new CRC32C();
        crc.update(c.data());
        setInt(recordHeader, 0, c.data().length);
        setInt(recordHeader, 4, (int) crc.getValue());
        chunkOut.write(recordHeader);
        chunkOut.write(c.data());
        chunkOffset += 8 + c.data().length;
    }

    int seriesCount() {
        return seriesCount;
    }

    long points() {
        return points;
    }

    /**
     * Writes the index, fsyncs and renames the block into place; returns its directory, or {@code null} when no
     * series was added (nothing is left behind then).
     */
    Path commit(List<Long> parents) throws IOException {
        chunkOut.flush();
        chunkChannel.force(true);
        chunkOut.close();
        done = true;
        if (seriesCount == 0) {
            deleteTree(tmp);
            return null;
        }
        RecordBuffer index = new RecordBuffer(keys.size() + refs.size() + 64);
        index.putInt(INDEX_MAGIC);
        index.putInt(VERSION);
        index.putVarint(seq);
        index.putLong(minTime);
        index.putLong(maxTime);
        index.putVarint(parents.size());
        parents.forEach(index::putVarint);
        index.putVarint(seriesCount);
        index.putVarint(points);
        index.putVarint(keys.size());
        index.putBytes(keys.array(), 0, keys.size());
        index.putBytes(refs.array(), 0, refs.size());
        CRC32C crc = new CRC32C();
        crc.update(index.array(), 0, index.size());
        index.putInt((int) crc.getValue());
        try (FileChannel ch = FileChannel.open(tmp.resolve(INDEX), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            var bb = java.nio.ByteBuffer.wrap(index.array(), 0, index.size());
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            ch.force(true);
        }
        WriteAheadLog.forceDirectory(tmp);
        Path target = blocksDir.resolve(Block.dirName(seq));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        WriteAheadLog.forceDirectory(blocksDir);
        return target;
    }

    /** Abandons an uncommitted block. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            chunkOut.close();
        } catch (IOException ignored) {
            // the directory goes anyway
        }
        try {
            deleteTree(tmp);
        } catch (IOException ignored) {
            // a leftover *.tmp is removed on the next open
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void setInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
