package io.sentrycloud.sdk;

import io.sentrycloud.sdk.delivery.Batch;
import io.sentrycloud.sdk.delivery.DiskSpool;
import io.sentrycloud.sdk.delivery.HttpTransport;
import io.sentrycloud.sdk.delivery.MemorySpool;
import io.sentrycloud.sdk.delivery.Spool;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers points to sentry: {@link #send} puts a point in a bounded in-memory queue and returns at once (a full
 * queue drops the point and counts it, the caller is never blocked); a background thread takes up to
 * {@code batchSize} points at a time, at least every {@code flushInterval}, and posts them gzip'ed to the first
 * server that answers. While no server takes them, batches wait in a bounded spool (in memory, or on disk when a
 * spool directory is given; the oldest are dropped first when it is full, and counted) and are retried with
 * exponential backoff, in the order they were made.
 *
 * <pre>{@code
 * try (SentryClient client = SentryClient.builder().serverUrl("http://127.0.0.1:51001").build()) {
 *     client.send(MetricPoint.now("orders_created", Map.of("shop", "eu"), 1));
 * }
 * }</pre>
 */
public final class SentryClient implements AutoCloseable {

    private static final System.Logger log = System.getLogger(SentryClient.class.getName());

    private final HttpTransport transport;
    private final Spool spool;
    private final Map<String, String> defaultTags;
    private final int batchSize;
    private final int queueCapacity;
    private final long flushIntervalNanos;
    private final long initialBackoffNanos;
    private final long maxBackoffNanos;
    private final Duration closeTimeout;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the sender should look at the queue, the spool or a flush request. */
    private final Condition wake = lock.newCondition();
    /** Signalled after every sender round, for {@link #flush}. */
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<MetricPoint> queue = new ArrayDeque<>();
    private long droppedQueueFull;
    private boolean flushRequested;
    private boolean closing;
    /** Points taken from the queue but not yet sent or spooled. */
    private int inFlight;

    private volatile long sent;
    private volatile long rejected;
    private volatile long failedAttempts;
    private long backoffNanos;
    /** Failed attempts since the last success (sender thread only). */
    private long outageFailures;
    private long lastOutageLog;
    private long nextAttemptNanos;
    private final Thread sender;

    private SentryClient(Builder b) {
        this.transport = new HttpTransport(b.urls, b.connectTimeout, b.requestTimeout, b.gzip);
        this.spool = b.spoolDir != null ? new DiskSpool(b.spoolDir, b.spoolMaxBytes) : new MemorySpool(b.spoolMaxBytes);
        this.defaultTags = Map.copyOf(b.defaultTags);
        this.batchSize = b.batchSize;
        this.queueCapacity = b.queueCapacity;
        this.flushIntervalNanos = b.flushInterval.toNanos();
        this.initialBackoffNanos = b.initialBackoff.toNanos();
        this.maxBackoffNanos = b.maxBackoff.toNanos();
        this.backoffNanos = initialBackoffNanos;
        this.closeTimeout = b.closeTimeout;
        this.sender = new Thread(this::run, "sentry-sdk-sender");
        sender.setDaemon(true);
        sender.start();
    }

    /** A builder with the defaults documented on each setter. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues a point for delivery without blocking. The client's default tags are added where the point lacks them.
     *
     * @return false when the queue is full (or the client closed) and the point was dropped (counted)
     */
    public boolean send(MetricPoint point) {
        Objects.requireNonNull(point, "point");
        MetricPoint tagged = point.withDefaultTags(defaultTags);
        lock.lock();
        try {
            if (closing || queue.size() >= queueCapacity) {
                droppedQueueFull++;
                return false;
            }
            queue.addLast(tagged);
            if (queue.size() == batchSize) {
                wake.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues several points; returns how many were accepted (the others were dropped and counted). */
    public int sendAll(Collection<MetricPoint> points) {
        int accepted = 0;
        for (MetricPoint p : points) {
            if (send(p)) {
                accepted++;
            }
        }
        return accepted;
    }

    /**
     * Sends everything queued and spooled now, ignoring any backoff, and waits until it is delivered or
     * {@code timeout} passes.
     *
     * @return true when nothing is left undelivered
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!idle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !sender.isAlive()) {
                    return false;
                }
                flushRequested = true;
                wake.signal();
                progress.awaitNanos(left);
                if (!idle() && !queueOrFlushPending()) {
                    // the round ended with batches still spooled (no server took them): pause before asking again
                    progress.awaitNanos(Math.min(Math.max(deadline - System.nanoTime(), 0),
                            TimeUnit.MILLISECONDS.toNanos(100)));
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return idle();
        } finally {
            lock.unlock();
        }
    }

    private boolean queueOrFlushPending() {
        return !queue.isEmpty() || flushRequested;
    }

    private boolean idle() {
        return queue.isEmpty() && inFlight == 0 && spool.batches() == 0;
    }

    /** The current counters. */
    public DeliveryStats stats() {
        lock.lock();
        try {
            return new DeliveryStats(sent, rejected, droppedQueueFull, spool.droppedPoints(), queue.size() + inFlight,
                    spool.points(), spool.bytes(), failedAttempts);
        } finally {
            lock.unlock();
        }
    }

    /** The ingest URLs points go to, in order of preference. */
    public List<URI> endpoints() {
        return transport.endpoints();
    }

    /**
     * Stops taking points, tries to deliver what is queued and spooled for up to the close timeout, and stops the
     * sender. With a disk spool, what is left stays on disk and is sent by the next client on that directory.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            flushRequested = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(closeTimeout.toMillis() + 1);
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spool.close();
    }

    private void run() {
        long lastBatch = System.nanoTime();
        long closeDeadline = Long.MAX_VALUE;
        while (true) {
            List<MetricPoint> points;
            boolean flushing;
            lock.lock();
            try {
                while (true) {
                    long now = System.nanoTime();
                    if (closing && closeDeadline == Long.MAX_VALUE) {
                        closeDeadline = now + closeTimeout.toNanos();
                    }
                    boolean due = queue.size() >= batchSize || flushRequested || closing
                            || (!queue.isEmpty() && now - lastBatch >= flushIntervalNanos)
                            || (spool.batches() > 0 && now - nextAttemptNanos >= 0);
                    if (due) {
                        break;
                    }
                    long wait = queue.isEmpty() ? flushIntervalNanos : flushIntervalNanos - (now - lastBatch);
                    if (spool.batches() > 0) {
                        wait = Math.min(wait, nextAttemptNanos - now);
                    }
                    wake.awaitNanos(Math.max(wait, 1_000_000));
                }
                flushing = flushRequested;
                flushRequested = false;
                int n = Math.min(queue.size(), batchSize);
                points = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    points.add(queue.pollFirst());
                }
                inFlight = n;
                if (flushing) {
                    nextAttemptNanos = System.nanoTime(); // a flush ignores the backoff
                }
            } catch (InterruptedException e) {
                break;
            } finally {
                lock.unlock();
            }
            if (!points.isEmpty()) {
                lastBatch = System.nanoTime();
            }
            deliver(points);
            boolean more;
            lock.lock();
            try {
                inFlight = 0;
                more = !queue.isEmpty();
                if (more && (flushing || closing)) {
                    flushRequested = true; // keep draining what the flush found
                }
                progress.signalAll();
                if (closing && (idle() || System.nanoTime() - closeDeadline >= 0
                        || (!more && spool.batches() > 0 && spoolIsBackingOff()))) {
                    break;
                }
            } finally {
                lock.unlock();
            }
        }
        // closing: what is still queued goes to the spool (on disk it survives the restart)
        lock.lock();
        try {
            List<MetricPoint> rest = new ArrayList<>(queue);
            queue.clear();
            for (int i = 0; i < rest.size(); i += batchSize) {
                spool.append(Batch.of(rest.subList(i, Math.min(rest.size(), i + batchSize))));
            }
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean spoolIsBackingOff() {
        return System.nanoTime() - nextAttemptNanos < 0;
    }

    /** Sends a new batch (straight when nothing waits before it, else behind the spool), then drains the spool. */
    private void deliver(List<MetricPoint> points) {
        if (!points.isEmpty()) {
            Batch batch = Batch.of(points);
            if (spool.batches() == 0 && System.nanoTime() - nextAttemptNanos >= 0) {
                if (!attempt(batch)) {
                    spool.append(batch);
                }
            } else {
                spool.append(batch);
            }
        }
        while (spool.batches() > 0 && System.nanoTime() - nextAttemptNanos >= 0 && !Thread.currentThread()
                .isInterrupted()) {
            Batch head = spool.head();
            if (head == null) {
                break;
            }
            if (attempt(head)) {
                spool.removeHead();
            }
        }
    }

    /** One delivery attempt; true when the batch is done with (stored or refused), false to keep it for later. */
    private boolean attempt(Batch batch) {
        HttpTransport.Outcome outcome = transport.send(batch);
        switch (outcome) {
            case SENT:
                sent += batch.points();
                recovered();
                return true;
            case REJECTED:
                rejected += batch.points();
                recovered();
                return true;
            default:
                failedAttempts++;
                outageFailures++;
                long now = System.nanoTime();
                // once when an outage starts, then at most once a minute
                if (outageFailures == 1 || now - lastOutageLog >= TimeUnit.MINUTES.toNanos(1)) {
                    lastOutageLog = now;
                    log.log(Level.WARNING, "no sentry server took a batch of " + batch.points() + " points ("
                            + transport.lastError() + "); " + outageFailures + " failed attempts so far, "
                            + spool.points() + " points spooled; next attempt in "
                            + TimeUnit.NANOSECONDS.toMillis(backoffNanos) + " ms");
                }
                nextAttemptNanos = now + backoffNanos;
                backoffNanos = Math.min(maxBackoffNanos, backoffNanos * 2);
                return false;
        }
    }

    private void recovered() {
        if (outageFailures > 0) {
            log.log(Level.INFO, "a sentry server takes batches again after " + outageFailures
                    + " failed attempts; " + spool.points() + " spooled points left to send");
            outageFailures = 0;
        }
        backoffNanos = initialBackoffNanos;
    }

    /** Settings of a {@link SentryClient}. */
    public static final class Builder {

        private final List<URI> urls = new ArrayList<>();
        private final Map<String, String> defaultTags = new TreeMap<>();
        private int batchSize = 500;
        private int queueCapacity = 100_000;
        private Duration flushInterval = Duration.ofSeconds(1);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(5);
        private boolean gzip = true;
        private Path spoolDir;
        private long spoolMaxBytes = 16L << 20;

        private Builder() {
        }

        /**
         * Adds a server, tried in the order added: {@code http://host:51001} (points go to
         * {@code /server/api/putMetrics}) or a full ingest URL. At least one is required.
         */
        public Builder serverUrl(String url) {
            urls.add(URI.create(url.trim()));
            return this;
        }

        /** Adds several servers, see {@link #serverUrl}. */
        public Builder serverUrls(Collection<String> urls) {
            urls.forEach(this::serverUrl);
            return this;
        }

        /** A tag added to every point that does not have it (e.g. {@code host}). */
        public Builder defaultTag(String key, String value) {
            defaultTags.put(key, value);
            return this;
        }

        /** Most points per request; default 500. */
        public Builder batchSize(int n) {
            this.batchSize = positive("batchSize", n);
            return this;
        }

        /** Most points waiting in memory before {@link SentryClient#send} drops; default 100000. */
        public Builder queueCapacity(int n) {
            this.queueCapacity = positive("queueCapacity", n);
            return this;
        }

        /** Longest a point waits in the queue before it is sent in a smaller batch; default 1 s. */
        public Builder flushInterval(Duration d) {
            this.flushInterval = positive("flushInterval", d);
            return this;
        }

        /** Wait after the first failed attempt, doubled after each further one up to {@code max}; 1 s and 30 s. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive("initial backoff", initial);
            this.maxBackoff = positive("max backoff", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is shorter than initial " + initial);
            }
            return this;
        }

        /** Connection and answer timeouts per request; default 3 s and 10 s. */
        public Builder timeouts(Duration connect, Duration request) {
            this.connectTimeout = positive("connect timeout", connect);
            this.requestTimeout = positive("request timeout", request);
            return this;
        }

        /** How long {@link SentryClient#close} keeps trying to deliver; default 5 s. */
        public Builder closeTimeout(Duration d) {
            this.closeTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Whether bodies are gzip'ed; default true (turn off for receivers that cannot inflate). */
        public Builder gzip(boolean on) {
            this.gzip = on;
            return this;
        }

        /** Keep undelivered batches in this directory (survives restarts) instead of memory; default memory. */
        public Builder spoolDir(Path dir) {
            this.spoolDir = dir;
            return this;
        }

        /** Most bytes (compressed) the spool holds before dropping its oldest batches; default 16 MiB. */
        public Builder spoolMaxBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("spoolMaxBytes must be positive, got " + bytes);
            }
            this.spoolMaxBytes = bytes;
            return this;
        }

        /** Starts the client and its sender thread. */
        public SentryClient build() {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("no server URL: call serverUrl(\"http://host:51001\")");
            }
            return new SentryClient(this);
        }

        private static int positive(String name, int n) {
            if (n <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + n);
            }
            return n;
        }

        private static Duration positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
