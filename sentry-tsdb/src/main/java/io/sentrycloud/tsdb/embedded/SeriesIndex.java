package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.TagFilter;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The series registry: an int id per {@link SeriesKey}, and an inverted index per metric from {@code tag=value}
 * to the ids of the series that carry it (RoaringBitmap postings). Filters become bitmap unions and
 * intersections; listings walk sorted maps, so prefixes are range scans.
 */
final class SeriesIndex {

    /** Postings of one metric. */
    private static final class MetricPostings {
        final RoaringBitmap all = new RoaringBitmap();
        final TreeMap<String, TreeMap<String, RoaringBitmap>> tags = new TreeMap<>();
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<SeriesKey, HeadSeries> byKey = new ConcurrentHashMap<>();
    private final TreeMap<String, MetricPostings> metrics = new TreeMap<>();
    private volatile HeadSeries[] byId = new HeadSeries[1024];
    private int nextId;
    private long keyBytes;

    /** The series with this key, or {@code null}. */
    HeadSeries get(SeriesKey key) {
        return byKey.get(key);
    }

    /** The series with this id, or {@code null}. */
    HeadSeries get(int id) {
        HeadSeries[] table = byId;
        return id >= 0 && id < table.length ? table[id] : null;
    }

    /** Visits every series (a snapshot of the table; series added meanwhile may be missed). */
    void forEach(Consumer<HeadSeries> action) {
        for (HeadSeries s : byId) {
            if (s != null) {
                action.accept(s);
            }
        }
    }

    int size() {
        return byKey.size();
    }

    /** The id the next new series gets. */
    int nextId() {
        lock.readLock().lock();
        try {
            return nextId;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds a series under a given id (fresh from a write, or replayed from the log). */
    HeadSeries register(int id, SeriesKey key) {
        lock.writeLock().lock();
        try {
            HeadSeries existing = byKey.get(key);
            if (existing != null) {
                return existing;
            }
            HeadSeries s = new HeadSeries(id, key);
            HeadSeries[] table = byId;
            if (id >= table.length) {
                table = Arrays.copyOf(table, Math.max(id + 1, table.length * 2));
            }
            table[id] = s;
            byId = table;
            byKey.put(key, s);
            nextId = Math.max(nextId, id + 1);
            keyBytes += estimateKeyBytes(key);
            MetricPostings m = metrics.computeIfAbsent(key.metric(), k -> new MetricPostings());
            m.all.add(id);
            key.tags().forEach((k, v) ->
                    m.tags.computeIfAbsent(k, x -> new TreeMap<>()).computeIfAbsent(v, x -> new RoaringBitmap())
                            .add(id));
            return s;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The series with this key, registered under the next free id when new. */
    HeadSeries registerIfAbsent(SeriesKey key) {
        HeadSeries s = byKey.get(key);
        if (s != null) {
            return s;
        }
        lock.writeLock().lock();
        try {
            s = byKey.get(key);
            return s != null ? s : register(nextId, key);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Every series, in id order (a snapshot). */
    List<HeadSeries> all() {
        List<HeadSeries> out = new ArrayList<>(byKey.size());
        forEach(out::add);
        return out;
    }

    /** Ids of the series of {@code metric} that pass every filter. */
    RoaringBitmap select(String metric, List<TagFilter> filters) {
        lock.readLock().lock();
        try {
            return selectLocked(metric, filters);
        } finally {
            lock.readLock().unlock();
        }
    }

    private RoaringBitmap selectLocked(String metric, List<TagFilter> filters) {
        MetricPostings m = metrics.get(metric);
        if (m == null) {
            return new RoaringBitmap();
        }
        RoaringBitmap result = m.all.clone();
        for (TagFilter f : filters) {
            if (result.isEmpty()) {
                break;
            }
            result.and(postings(m, f));
        }
        return result;
    }

    private static RoaringBitmap postings(MetricPostings m, TagFilter f) {
        TreeMap<String, RoaringBitmap> values = m.tags.get(f.key());
        if (f.kind() == TagFilter.Kind.NOT_EQUAL) {
            // every series but those holding a listed value: series without the tag pass
            return values == null ? m.all.clone() : RoaringBitmap.andNot(m.all,
                    RoaringBitmap.or(f.values().stream().map(values::get).filter(b -> b != null).iterator()));
        }
        if (values == null) {
            return new RoaringBitmap();
        }
        return switch (f.kind()) {
            case EXACT -> values.getOrDefault(f.values().get(0), new RoaringBitmap());
            case ANY_OF -> RoaringBitmap.or(f.values().stream().map(values::get).filter(b -> b != null).iterator());
            case WILDCARD -> RoaringBitmap.or(values.values().iterator());
            case REGEX -> RoaringBitmap.or(values.entrySet().stream()
                    .filter(e -> f.pattern().matcher(e.getKey()).matches()).map(Map.Entry::getValue).iterator());
            case NOT_EQUAL -> throw new IllegalStateException("handled above");
        };
    }

    List<String> metrics(String prefix, int limit) {
        lock.readLock().lock();
        try {
            return prefixed(metrics.tailMap(prefix, true).keySet(), prefix, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    List<String> tagKeys(String metric) {
        lock.readLock().lock();
        try {
            MetricPostings m = metrics.get(metric);
            return m == null ? List.of() : List.copyOf(m.tags.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    List<String> tagValues(String metric, String key, List<TagFilter> filters, String prefix, int limit) {
        lock.readLock().lock();
        try {
            MetricPostings m = metrics.get(metric);
            TreeMap<String, RoaringBitmap> values = m == null ? null : m.tags.get(key);
            if (values == null) {
                return List.of();
            }
            NavigableMap<String, RoaringBitmap> tail = values.tailMap(prefix, true);
            if (filters.isEmpty()) {
                return prefixed(tail.keySet(), prefix, limit);
            }
            RoaringBitmap selected = selectLocked(metric, filters);
            List<String> out = new ArrayList<>();
            for (var e : tail.entrySet()) {
                if (out.size() >= limit || !e.getKey().startsWith(prefix)) {
                    break;
                }
                if (RoaringBitmap.intersects(selected, e.getValue())) {
                    out.add(e.getKey());
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Heap held by the postings and the registry, estimated. */
    long memoryBytes() {
        lock.readLock().lock();
        try {
            long bytes = 8L * byId.length + 64L * byKey.size() + keyBytes;
            for (MetricPostings m : metrics.values()) {
                bytes += m.all.getSizeInBytes() + 64;
                for (var values : m.tags.entrySet()) {
                    bytes += 64 + 2L * values.getKey().length();
                    for (var e : values.getValue().entrySet()) {
                        bytes += 64 + 2L * e.getKey().length() + e.getValue().getSizeInBytes();
                    }
                }
            }
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A SeriesKey's own objects: record, tree map, entries and (unshared, worst case) strings. */
    private static long estimateKeyBytes(SeriesKey key) {
        long bytes = 16 + 48 + 40 + 2L * key.metric().length();
        for (var e : key.tags().entrySet()) {
            bytes += 40 + 2 * 40 + 2L * (e.getKey().length() + e.getValue().length());
        }
        return bytes;
    }

    private static List<String> prefixed(Iterable<String> sortedFromPrefix, String prefix, int limit) {
        List<String> out = new ArrayList<>();
        for (String s : sortedFromPrefix) {
            if (out.size() >= limit || !s.startsWith(prefix)) {
                break;
            }
            out.add(s);
        }
        return out;
    }
}
