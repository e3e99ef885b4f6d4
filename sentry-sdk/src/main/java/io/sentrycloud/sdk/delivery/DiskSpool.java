package io.sentrycloud.sdk.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Spool} in a directory, one file per batch named {@code <sequence>-<points>.json.gz}, so batches survive a
 * restart and are sent in the order they were spooled. A file is written under a temporary name and renamed, so a
 * crash never leaves half a batch behind.
 */
public final class DiskSpool implements Spool {

    private static final System.Logger log = System.getLogger(DiskSpool.class.getName());
    private static final Pattern NAME = Pattern.compile("(\\d{19})-(\\d+)\\.json\\.gz");

    private final Path dir;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextSequence;
    private long bytes;
    private long points;
    private long dropped;
    private Batch cachedHead;

    private static final class Entry {
        final Path file;
        final int points;
        final long bytes;

        Entry(Path file, int points, long bytes) {
            this.file = file;
            this.points = points;
            this.bytes = bytes;
        }
    }

    /**
     * Opens (creating when missing) a spool directory and takes over the batches a previous process left in it.
     *
     * @param maxBytes most bytes of batch files kept; older files are deleted to stay under it
     * @throws UncheckedIOException when the directory cannot be created or read
     */
    public DiskSpool(Path dir, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("spool size must be positive, got " + maxBytes);
        }
        this.dir = dir;
        this.maxBytes = maxBytes;
        List<Entry> found = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    Matcher m = NAME.matcher(name);
                    if (m.matches()) {
                        found.add(new Entry(f, Integer.parseInt(m.group(2)), Files.size(f)));
                        sequences.add(Long.parseLong(m.group(1)));
                    } else if (name.endsWith(".tmp")) {
                        Files.deleteIfExists(f); // a write that a crash interrupted
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open spool directory " + dir + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(e -> e.file.getFileName().toString()));
        for (Entry e : found) {
            entries.addLast(e);
            bytes += e.bytes;
            points += e.points;
        }
        nextSequence = sequences.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        if (!entries.isEmpty()) {
            log.log(Level.INFO, "spool {0}: resuming {1} batches ({2} points) left by a previous run", dir,
                    entries.size(), points);
        }
        evictFor(0);
    }

    /** The spool directory. */
    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void append(Batch batch) {
        if (batch.bytes() > maxBytes) {
            dropped += batch.points();
            return;
        }
        evictFor(batch.bytes());
        Path file = dir.resolve(String.format("%019d-%d.json.gz", nextSequence++, batch.points()));
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, batch.gzipJson());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            dropped += batch.points();
            log.log(Level.WARNING, "spool " + dir + ": cannot write a batch of " + batch.points()
                    + " points, dropped: " + e);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next start removes stray .tmp files
            }
            return;
        }
        entries.addLast(new Entry(file, batch.points(), batch.bytes()));
        bytes += batch.bytes();
        points += batch.points();
    }

    private void evictFor(long incoming) {
        while (!entries.isEmpty() && bytes + incoming > maxBytes) {
            Entry oldest = entries.peekFirst();
            dropped += oldest.points;
            removeFirst();
        }
    }

    @Override
    public synchronized Batch head() {
        while (cachedHead == null && !entries.isEmpty()) {
            Entry e = entries.peekFirst();
            try {
                cachedHead = new Batch(e.points, Files.readAllBytes(e.file));
            } catch (IOException ex) {
                log.log(Level.WARNING, "spool " + dir + ": cannot read " + e.file + ", its " + e.points
                        + " points are dropped: " + ex);
                dropped += e.points;
                removeFirst();
            }
        }
        return cachedHead;
    }

    @Override
    public synchronized void removeHead() {
        if (!entries.isEmpty()) {
            removeFirst();
        }
    }

    private void removeFirst() {
        Entry e = entries.removeFirst();
        cachedHead = null;
        bytes -= e.bytes;
        points -= e.points;
        try {
            Files.deleteIfExists(e.file);
        } catch (IOException ex) {
            log.log(Level.WARNING, "spool " + dir + ": cannot delete " + e.file + ": " + ex);
        }
    }

    @Override
    public synchronized int batches() {
        return entries.size();
    }

    @Override
    public synchronized long points() {
        return points;
    }

    @Override
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized long droppedPoints() {
        return dropped;
    }

    @Override
    public void close() {
        // every batch is on disk already
    }
}
