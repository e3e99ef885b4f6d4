package io.sentrycloud.server.ingest.protocols;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.http.Api;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import io.sentrycloud.server.ingest.graphite.GraphiteConnection;
import io.sentrycloud.server.ingest.influx.InfluxWriteEndpoint;
import io.sentrycloud.server.ingest.opentsdb.OpenTsdbPutEndpoint;
import io.sentrycloud.server.ingest.opentsdb.OpenTsdbTelnet;
import io.sentrycloud.server.ingest.otlp.OtlpEndpoint;
import io.sentrycloud.server.ingest.remotewrite.RemoteWriteEndpoint;
import io.sentrycloud.server.ingest.tcp.LineListener;
import io.sentrycloud.server.selfmon.ServerStats;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Every other tool's ingest protocol, wired onto one server: the HTTP routes (Influx, OpenTSDB, Prometheus remote
 * write, OTLP) and the TCP listeners (OpenTSDB telnet, Graphite) the {@code protocols:} section enables. Each maps
 * onto the same points, {@link PointRules} and {@link PointWriter} as {@code /server/api/putMetrics}.
 */
public final class ProtocolIngest implements AutoCloseable {

    private final List<LineListener> listeners;
    private final LineListener opentsdbTelnet;
    private final LineListener graphite;

    private ProtocolIngest(List<LineListener> listeners, LineListener opentsdbTelnet, LineListener graphite) {
        this.listeners = listeners;
        this.opentsdbTelnet = opentsdbTelnet;
        this.graphite = graphite;
    }

    /** Adds the HTTP routes to {@code app}; call {@link #startListeners} once the app is up. */
    public static void routes(Javalin app, ServerConfig config, TimeSeriesStore store, ServerStats stats,
                              Clock clock) {
        PointRules rules = new PointRules(config.ingest(), config.storage().keepDays(), clock);
        PointWriter writer = new PointWriter(store, stats);
        long maxBody = config.http().maxBodyBytes();
        int maxPoints = config.ingest().maxPointsPerRequest();

        InfluxWriteEndpoint influx = new InfluxWriteEndpoint(rules, writer, maxBody, maxPoints, clock);
        app.post(Api.INFLUX_WRITE.path(), timed(stats, Api.INFLUX_WRITE, influx::writeV1));
        app.post(Api.INFLUX_V2_WRITE.path(), timed(stats, Api.INFLUX_V2_WRITE, influx::writeV2));
        app.get("/ping", influx::ping);
        app.head("/ping", influx::ping);

        OpenTsdbPutEndpoint opentsdb = new OpenTsdbPutEndpoint(rules, writer, maxBody, maxPoints);
        app.post(Api.OPENTSDB_PUT.path(), timed(stats, Api.OPENTSDB_PUT, opentsdb::handle));

        RemoteWriteEndpoint remoteWrite = new RemoteWriteEndpoint(rules, writer, maxBody, maxPoints);
        app.post(Api.REMOTE_WRITE.path(), timed(stats, Api.REMOTE_WRITE, remoteWrite::handle));

        OtlpEndpoint otlp = new OtlpEndpoint(rules, writer, maxBody, maxPoints);
        app.post(Api.OTLP_METRICS.path(), timed(stats, Api.OTLP_METRICS, otlp::handle));
    }

    /**
     * Starts the TCP listeners the configuration enables, bound to {@code http.host}.
     *
     * @throws java.io.UncheckedIOException when a port cannot be bound (nothing is left running)
     */
    public static ProtocolIngest startListeners(ServerConfig config, TimeSeriesStore store, ServerStats stats,
                                                Clock clock) {
        PointRules rules = new PointRules(config.ingest(), config.storage().keepDays(), clock);
        PointWriter writer = new PointWriter(store, stats);
        var p = config.protocols();
        List<LineListener> started = new ArrayList<>();
        LineListener telnet = null;
        LineListener graphite = null;
        try {
            if (p.opentsdbTelnetEnabled()) {
                telnet = LineListener.start("opentsdb-telnet", config.http().host(), p.opentsdbTelnetPort(),
                        p.tcpMaxConnections(), p.tcpMaxLineBytes(), p.tcpIdleTimeoutSeconds(),
                        c -> new OpenTsdbTelnet(rules, writer, c));
                started.add(telnet);
            }
            if (p.graphiteEnabled()) {
                graphite = LineListener.start("graphite", config.http().host(), p.graphitePort(),
                        p.tcpMaxConnections(), p.tcpMaxLineBytes(), p.tcpIdleTimeoutSeconds(),
                        c -> new GraphiteConnection(rules, writer, c, clock));
                started.add(graphite);
            }
        } catch (RuntimeException e) {
            started.forEach(LineListener::close);
            throw e;
        }
        return new ProtocolIngest(started, telnet, graphite);
    }

    /** The OpenTSDB telnet listener's port, or -1 when it is off. */
    public int opentsdbTelnetPort() {
        return opentsdbTelnet == null ? -1 : opentsdbTelnet.port();
    }

    /** The Graphite listener's port, or -1 when it is off. */
    public int graphitePort() {
        return graphite == null ? -1 : graphite.port();
    }

    /** Stops the TCP listeners; each connection's points already received are written first. */
    @Override
    public void close() {
        listeners.forEach(LineListener::close);
    }

    /** Counts and times every request of {@code api} in self-monitoring, whatever its outcome. */
    private static Handler timed(ServerStats stats, Api api, Handler handler) {
        return ctx -> {
            long t0 = System.nanoTime();
            try {
                handler.handle(ctx);
            } finally {
                stats.recordRequest(api, System.nanoTime() - t0);
            }
        };
    }
}
