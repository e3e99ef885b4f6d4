package io.sentrycloud.server.ingest.graphite;

import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import io.sentrycloud.server.ingest.tcp.LineListener;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Graphite plaintext connection. The protocol has no answers, so refusals are counted in the server's
 * self-monitoring (rejected points) and the first few of each connection are logged.
 */
public final class GraphiteConnection implements LineListener.Session {

    private static final Logger log = LoggerFactory.getLogger(GraphiteConnection.class);
    /** Points held before writing even while more lines are buffered. */
    private static final int BATCH = 5000;
    /** Refusals logged one by one per connection. */
    private static final int LOGGED = 10;

    private final PointCollector points;
    private final PointWriter writer;
    private final String sender;
    private final Clock clock;
    private long lineNo;
    private long refused;

    public GraphiteConnection(PointRules rules, PointWriter writer, LineListener.Connection connection, Clock clock) {
        this.points = new PointCollector(rules, connection.senderIp(), Integer.MAX_VALUE);
        this.writer = writer;
        this.sender = connection.senderIp();
        this.clock = clock;
    }

    @Override
    public boolean line(String line) {
        lineNo++;
        if (line.isBlank()) {
            return true;
        }
        GraphiteParser.parse(line, "line " + lineNo, clock.millis(), points);
        if (points.size() >= BATCH) {
            flush();
        }
        return true;
    }

    @Override
    public void tooLong(long length) {
        lineNo++;
        points.reject("line " + lineNo, "the line is " + length + " bytes long, more than the limit "
                + "(protocols.tcp_max_line_bytes); it was discarded");
    }

    @Override
    public void flush() {
        if (points.size() == 0) {
            return;
        }
        try {
            PointWriter.Stored stored = writer.write(points.drain(), sender);
            for (PointError e : stored.errors()) {
                if (++refused <= LOGGED) {
                    log.warn("graphite: refused a point from {}: {}", sender, e.error());
                } else if (refused == LOGGED + 1) {
                    log.warn("graphite: further refusals from {} on this connection are only counted", sender);
                }
            }
        } catch (ApiException e) {
            log.error("graphite: points from {} were not stored: {}", sender, e.getMessage());
        }
    }
}
