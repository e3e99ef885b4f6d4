package io.sentrycloud.agent.listen;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StatsD over UDP: packets are summed up by a {@link StatsdAggregator} and the result is forwarded every
 * {@code flushSeconds} (the agent's interval), stamped with the flush time.
 */
public final class StatsdListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatsdListener.class);

    private final DatagramSocket socket;
    private final StatsdAggregator aggregator;
    private final PointForwarder forwarder;
    private final ListenerStats stats;
    private final Thread receiver;
    private final ScheduledExecutorService flusher;
    private volatile boolean closed;
    /** Malformed lines already counted in {@link #stats} (flush thread only). */
    private long reportedRefused;

    private StatsdListener(DatagramSocket socket, StatsdAggregator aggregator, PointForwarder forwarder,
                           ListenerStats stats) {
        this.socket = socket;
        this.aggregator = aggregator;
        this.forwarder = forwarder;
        this.stats = stats;
        this.receiver = new Thread(this::receive, "sentry-agent-statsd");
        receiver.setDaemon(true);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sentry-agent-statsd-flush");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Binds and starts receiving.
     *
     * @param port 0 for a free port (tests)
     */
    public static StatsdListener start(String host, int port, int flushSeconds, PointForwarder forwarder,
                                       ListenerStats stats, String sentryIp) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port));
        socket.setReceiveBufferSize(1 << 20);
        StatsdListener l = new StatsdListener(socket, new StatsdAggregator(sentryIp), forwarder, stats);
        l.receiver.start();
        l.flusher.scheduleAtFixedRate(l::flush, flushSeconds, flushSeconds, TimeUnit.SECONDS);
        log.info("listening for StatsD on udp://{}:{}, flushing every {} s", host, l.port(), flushSeconds);
        return l;
    }

    /** The bound port. */
    public int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                socket.receive(packet);
                aggregator.add(packet.getData(), packet.getLength());
            } catch (SocketException e) {
                if (!closed) {
                    log.warn("statsd: receive failed: {}", e.toString());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("statsd: a packet could not be read: {}", e.toString());
            }
        }
    }

    /** Forwards what was summed up since the last flush. */
    void flush() {
        try {
            var points = aggregator.flush(System.currentTimeMillis() / 1000);
            int taken = points.isEmpty() ? 0 : forwarder.forward(points);
            stats.received("statsd", taken);
            stats.refused("statsd", points.size() - taken);
            long refusedNow = aggregator.refused();
            if (refusedNow > reportedRefused) {
                stats.refused("statsd", refusedNow - reportedRefused);
                reportedRefused = refusedNow;
            }
        } catch (RuntimeException e) {
            log.warn("statsd: flush failed: {}", e.toString());
        }
    }

    /** Stops receiving and forwards what is summed up. */
    @Override
    public void close() {
        closed = true;
        socket.close();
        flusher.shutdownNow();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
