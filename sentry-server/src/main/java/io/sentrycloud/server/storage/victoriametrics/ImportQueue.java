package io.sentrycloud.server.storage.victoriametrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path to VictoriaMetrics: writers queue their points and wait; sender threads take what is queued (from
 * several writers, up to a batch), send it as one gzip'ed JSON-lines import, retry connection errors, 429 and 5xx
 * with a doubling backoff, and then complete every writer of the batch. A semaphore bounds the points in flight, so
 * a slow VictoriaMetrics makes writers wait (and, past the request timeout, fail) instead of filling the heap.
 */
final class ImportQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportQueue.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    /** One writer's points and the future it waits on. */
    private record Pending(List<Point> points, int permits, CompletableFuture<Void> done) {
    }

    private final VmHttp http;
    private final VictoriaMetricsOptions options;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final List<Thread> senders = new ArrayList<>();
    private final AtomicLong imported = new AtomicLong();
    private final AtomicLong failedImports = new AtomicLong();
    private volatile boolean closed;

    ImportQueue(VmHttp http, VictoriaMetricsOptions options) {
        this.http = http;
        this.options = options;
        this.room = new Semaphore(options.bufferPoints());
        for (int i = 0; i < options.writeConcurrency(); i++) {
            Thread t = new Thread(this::sendLoop, "vm-import-" + i);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
    }

    /** Queues {@code points} and returns once VictoriaMetrics acknowledged all of them. */
    void write(List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        if (closed) {
            throw new StoreException("the VictoriaMetrics store is closed");
        }
        // a write larger than the whole buffer takes all of it, so it still goes through alone
        int permits = Math.min(points.size(), options.bufferPoints());
        try {
            if (!room.tryAcquire(permits, options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoreException("VictoriaMetrics write buffer stayed full (" + options.bufferPoints()
                        + " points waiting) for " + options.requestTimeout().toMillis() + " ms; is it reachable at "
                        + options.writeUrl() + "?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for room in the VictoriaMetrics write buffer", e);
        }
        Pending p = new Pending(points, permits, new CompletableFuture<>());
        queue.add(p);
        try {
            p.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for VictoriaMetrics to acknowledge a write", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException se) {
                throw new StoreException(se.getMessage(), se);
            }
            throw new StoreException("writing to VictoriaMetrics failed: " + cause, cause);
        }
    }

    /** Points VictoriaMetrics acknowledged since the store opened. */
    long importedPoints() {
        return imported.get();
    }

    /** Import requests that failed after every retry. */
    long failedImports() {
        return failedImports.get();
    }

    private void sendLoop() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                int size = first.points.size();
                Pending next;
                while (size < options.batchPoints() && (next = queue.peek()) != null
                        && size + next.points.size() <= options.batchPoints()) {
                    next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    size += next.points.size();
                }
                send(batch, size);
                batch.forEach(p -> p.done.complete(null));
                imported.addAndGet(size);
            } catch (InterruptedException e) {
                fail(batch, new StoreException("the VictoriaMetrics store closed before the points were sent"));
                return;
            } catch (RuntimeException e) {
                failedImports.incrementAndGet();
                fail(batch, e);
            } finally {
                batch.forEach(p -> room.release(p.permits));
            }
        }
    }

    private void send(List<Pending> batch, int size) throws InterruptedException {
        List<byte[]> bodies = encode(batch);
        for (byte[] body : bodies) {
            long backoff = FIRST_BACKOFF_MILLIS;
            for (int attempt = 0; ; attempt++) {
                try {
                    http.importGzip(body);
                    break;
                } catch (VmHttp.VmStatusException e) {
                    if (!e.retryable() || attempt >= options.retries()) {
                        throw e;
                    }
                    log.warn("import of {} points to VictoriaMetrics failed ({}); retry {} of {} in {} ms", size,
                            e.getMessage(), attempt + 1, options.retries(), backoff);
                } catch (IOException e) {
                    if (attempt >= options.retries()) {
                        throw new StoreException("VictoriaMetrics at " + options.writeUrl() + " did not take "
                                + size + " points after " + (attempt + 1) + " attempts: " + e, e);
                    }
                    log.warn("import of {} points to VictoriaMetrics failed ({}); retry {} of {} in {} ms", size,
                            e.toString(), attempt + 1, options.retries(), backoff);
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /**
     * JSON lines, one per series ({@code {"metric":{"__name__":..,tags},"values":[..],"timestamps":[..]}}), gzip'ed;
     * a single write larger than a batch is split so no request passes the batch size by much.
     */
    private List<byte[]> encode(List<Pending> batch) {
        List<byte[]> bodies = new ArrayList<>();
        Map<SeriesKey, List<Point>> bySeries = new LinkedHashMap<>();
        int count = 0;
        for (Pending p : batch) {
            for (Point point : p.points) {
                bySeries.computeIfAbsent(point.series(), k -> new ArrayList<>()).add(point);
                if (++count >= options.batchPoints()) {
                    bodies.add(gzipLines(bySeries));
                    bySeries.clear();
                    count = 0;
                }
            }
        }
        if (!bySeries.isEmpty()) {
            bodies.add(gzipLines(bySeries));
        }
        return bodies;
    }

    private static byte[] gzipLines(Map<SeriesKey, List<Point>> bySeries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 1 << 16);
             JsonGenerator g = JSON.createGenerator(gzip)) {
            g.setRootValueSeparator(null);
            for (var e : bySeries.entrySet()) {
                g.writeStartObject();
                g.writeObjectFieldStart("metric");
                g.writeStringField("__name__", e.getKey().metric());
                for (var tag : e.getKey().tags().entrySet()) {
                    g.writeStringField(tag.getKey(), tag.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("values");
                for (Point p : e.getValue()) {
                    g.writeNumber(p.value());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("timestamps");
                for (Point p : e.getValue()) {
                    g.writeNumber(p.timestamp());
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new StoreException("cannot encode points for VictoriaMetrics: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    private static void fail(List<Pending> batch, RuntimeException e) {
        batch.forEach(p -> p.done.completeExceptionally(e));
    }

    /** Sends what is queued, then stops the senders. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : senders) {
            try {
                t.join(options.requestTimeout().toMillis() * (options.retries() + 1L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.done.completeExceptionally(new StoreException("the VictoriaMetrics store closed"));
        }
    }
}
