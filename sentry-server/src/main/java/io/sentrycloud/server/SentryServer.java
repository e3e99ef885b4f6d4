package io.sentrycloud.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import io.sentrycloud.server.alarm.AlarmRoutes;
import io.sentrycloud.server.alarm.AlarmService;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.server.config.StorageConfig;
import io.sentrycloud.server.http.Api;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.http.Reply;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PutMetricsEndpoint;
import io.sentrycloud.server.meta.api.MetaRoutes;
import io.sentrycloud.server.meta.store.MetaStore;
import io.sentrycloud.server.ingest.protocols.ProtocolIngest;
import io.sentrycloud.server.promql.PromRoutes;
import io.sentrycloud.server.query.QueryEndpoints;
import io.sentrycloud.server.selfmon.HostAddress;
import io.sentrycloud.server.selfmon.JvmSample;
import io.sentrycloud.server.selfmon.PrometheusText;
import io.sentrycloud.server.selfmon.SelfMonitor;
import io.sentrycloud.server.selfmon.ServerStats;
import io.sentrycloud.server.storage.victoriametrics.VictoriaMetricsOptions;
import io.sentrycloud.server.storage.victoriametrics.VictoriaMetricsStore;
import io.sentrycloud.server.web.WebApp;
import io.sentrycloud.tsdb.StoreStats;
import io.sentrycloud.tsdb.TimeSeriesStore;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sentry_server: the store, the metadata database, the HTTP API, the protocol listeners and
 * self-monitoring. {@link #start} opens everything; {@link #close} stops the listeners and HTTP, stops
 * self-monitoring, closes the metadata database, then flushes and closes the store.
 */
public final class SentryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentryServer.class);

    private final TimeSeriesStore store;
    private final MetaStore meta;
    private final Javalin app;
    private final SelfMonitor selfMonitor;
    private final ProtocolIngest protocols;
    private final AlarmService alarm;
    private final Instant started = Instant.now();
    private boolean closed;

    private SentryServer(TimeSeriesStore store, MetaStore meta, Javalin app, SelfMonitor selfMonitor,
                         ProtocolIngest protocols, AlarmService alarm) {
        this.store = store;
        this.meta = meta;
        this.app = app;
        this.selfMonitor = selfMonitor;
        this.protocols = protocols;
        this.alarm = alarm;
    }

    /** Opens the store and starts serving; a failure to start releases what was opened. */
    public static SentryServer start(ServerConfig config) {
        Clock clock = Clock.systemUTC();
        TimeSeriesStore store = openStore(config.storage(), clock);
        MetaStore meta = null;
        Javalin app = null;
        ProtocolIngest protocols = null;
        AlarmService alarm = null;
        try {
            meta = MetaStore.open(config.meta(), config.storage().dataDir());
            ServerStats stats = new ServerStats();
            // the engine is named after the bound port, so it starts after HTTP; its routes wait for it
            AtomicReference<AlarmService> alarmRef = new AtomicReference<>();
            app = createApp(config, store, meta, stats, clock, alarmRef::get);
            app.start(config.http().host(), config.http().port());
            alarm = AlarmService.start(config.alarm(), meta, store, HostAddress.ip(), app.port(), clock);
            alarmRef.set(alarm);
            protocols = ProtocolIngest.startListeners(config, store, stats, clock);
            SelfMonitor monitor = null;
            if (config.selfMonitor().enabled()) {
                monitor = SelfMonitor.start(store, stats, HostAddress.ip(), app.port(),
                        config.selfMonitor().intervalSeconds(), clock);
            }
            log.info("sentry_server listening on {}:{}, data in {}", config.http().host(), app.port(),
                    config.storage().dataDir().toAbsolutePath().normalize());
            return new SentryServer(store, meta, app, monitor, protocols, alarm);
        } catch (RuntimeException e) {
            if (alarm != null) {
                alarm.close();
            }
            if (protocols != null) {
                protocols.close();
            }
            if (app != null) {
                app.stop();
            }
            if (meta != null) {
                meta.close();
            }
            store.close();
            throw e;
        }
    }

    private static TimeSeriesStore openStore(StorageConfig storage, Clock clock) {
        if (storage.isVictoriaMetrics()) {
            return VictoriaMetricsStore.open(VictoriaMetricsOptions.from(storage));
        }
        EmbeddedOptions options = EmbeddedOptions.defaults(storage.dataDir())
                .withFsync(storage.fsyncPolicy())
                .withMaxActiveSeries((int) storage.maxSeries())
                .withKeepDays(storage.keepDays())
                .withClock(clock);
        return EmbeddedStore.open(options);
    }

    private static Javalin createApp(ServerConfig config, TimeSeriesStore store, MetaStore meta, ServerStats stats,
                                     Clock clock, Supplier<AlarmService> alarm) {
        PutMetricsEndpoint ingest = new PutMetricsEndpoint(store,
                new PointRules(config.ingest(), config.storage().keepDays(), clock), stats,
                config.http().maxBodyBytes(), config.ingest().maxPointsPerRequest());
        QueryEndpoints query = new QueryEndpoints(store, config.query(), config.ingest().maxTags(),
                config.http().maxBodyBytes(), clock);
        Instant started = Instant.now();

        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.prefer405over404 = true; // a GET on a POST-only API says "method not allowed"
            cfg.http.maxRequestSize = config.http().maxBodyBytes();
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jsonMapper(new JavalinJackson(ApiJson.MAPPER, false));
            WebApp.install(cfg);
        });
        app.post(Api.PUT_METRICS.path(), timed(stats, Api.PUT_METRICS, ingest::handle));
        app.post(Api.METRICS.path(), timed(stats, Api.METRICS, query::metrics));
        app.post(Api.TAG_KEYS.path(), timed(stats, Api.TAG_KEYS, query::tagKeys));
        app.post(Api.TAG_VALUES.path(), timed(stats, Api.TAG_VALUES, query::tagValues));
        app.post(Api.CURVES.path(), timed(stats, Api.CURVES, query::curves));
        app.post(Api.RANGE.path(), timed(stats, Api.RANGE, query::range));
        app.post(Api.TOPN.path(), timed(stats, Api.TOPN, query::topN));
        ProtocolIngest.routes(app, config, store, stats, clock);
        MetaRoutes.register(app, meta, config, stats, clock);
        PromRoutes.register(app, store, config.query(), clock, (api, h) -> timed(stats, api, h));
        AlarmRoutes.register(app, alarm, config.http().maxBodyBytes(), clock);
        app.get("/health", ctx -> health(ctx, store, started));
        app.get("/metrics", ctx -> ctx.contentType(PrometheusText.CONTENT_TYPE).result(PrometheusText.render(
                stats.snapshot(), JvmSample.now(), store.stats(), stats.lastIntervalSenders())));

        app.exception(ApiException.class, (e, ctx) -> Reply.error(ctx, e));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            Reply.send(ctx, 500, ApiCode.STORE_ERROR, "internal error: " + e, null);
        });
        // a 404 not written by Reply means Javalin found no route (the metadata API's own 404s carry an envelope)
        app.error(404, ctx -> {
            if (ctx.attribute(Reply.SENT) == null) {
                Reply.send(ctx, 404, ApiCode.API_NOT_FOUND, "no API at " + ctx.method() + " " + ctx.path(), null);
            }
        });
        app.error(405, ctx -> Reply.send(ctx, 405, ApiCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on "
                + ctx.path() + "; the query and ingest APIs take POST with a JSON body", null));
        return app;
    }

    /** Wraps a handler so every request of {@code api} is counted and timed, whatever its outcome. */
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

    private static void health(Context ctx, TimeSeriesStore store, Instant started) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            StoreStats s = store.stats();
            body.put("status", "up");
            body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
            body.put("store", Map.of("series", s.seriesCount(), "points", s.pointCount(),
                    "disk_bytes", s.diskBytes()));
            ctx.status(200).json(body);
        } catch (RuntimeException e) {
            body.put("status", "down");
            body.put("error", "the store does not answer: " + e.getMessage());
            ctx.status(503).json(body);
        }
    }

    /** The HTTP port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The OpenTSDB telnet and Graphite TCP listeners (their ports, when enabled). */
    public ProtocolIngest protocols() {
        return protocols;
    }

    /** Stops HTTP, then self-monitoring, then flushes and closes the store. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("sentry_server stopping after {} s", Duration.between(started, Instant.now()).toSeconds());
        try {
            protocols.close();
            app.stop();
            alarm.close();
        } finally {
            try {
                if (selfMonitor != null) {
                    selfMonitor.close();
                }
            } finally {
                try {
                    meta.close();
                } finally {
                    store.close();
                }
            }
        }
        log.info("sentry_server stopped");
    }
}
