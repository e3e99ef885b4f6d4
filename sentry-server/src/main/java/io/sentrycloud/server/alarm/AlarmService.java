package io.sentrycloud.server.alarm;

import io.sentrycloud.alarm.AlarmEngine;
import io.sentrycloud.alarm.EngineSettings;
import io.sentrycloud.alarm.eval.SeriesQuery;
import io.sentrycloud.alarm.notify.Channel;
import io.sentrycloud.alarm.notify.MailChannel;
import io.sentrycloud.alarm.notify.RetryPolicy;
import io.sentrycloud.alarm.notify.SmtpSettings;
import io.sentrycloud.alarm.notify.WebhookChannel;
import io.sentrycloud.server.config.AlarmConfig;
import io.sentrycloud.server.meta.store.MetaStore;
import io.sentrycloud.tsdb.TimeSeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarm engine of one server: rules, contacts, silences, state, history and the outbox in the metadata
 * database, series in-process from the store. Its lease owner is {@code host:port}, stable across restarts, so
 * that a restarted server takes its rules back at once.
 */
public final class AlarmService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);

    private final AlarmEngine engine;
    private final MetaAlertStore alerts;
    private final boolean running;

    private AlarmService(AlarmEngine engine, MetaAlertStore alerts, boolean running) {
        this.engine = engine;
        this.alerts = alerts;
        this.running = running;
    }

    /**
     * Builds the engine and, when {@code alarm.enabled}, starts evaluating.
     *
     * @param hostIp   this host's address (lease owner and default chart link host)
     * @param httpPort the port the server listens on
     */
    public static AlarmService start(AlarmConfig config, MetaStore meta, TimeSeriesStore store, String hostIp,
                                     int httpPort, Clock clock) {
        List<Channel> channels = new ArrayList<>();
        channels.add(new WebhookChannel(Duration.ofSeconds(10), clock));
        if (!config.smtpHost().isEmpty()) {
            channels.add(new MailChannel(new SmtpSettings(config.smtpHost(), config.smtpPort(), config.smtpFrom(),
                    config.smtpUser(), config.smtpPassword(), config.smtpSecurity(), 10_000)));
        }
        String publicUrl = config.publicUrl().isEmpty() ? "http://" + hostIp + ":" + httpPort : config.publicUrl();
        EngineSettings settings = new EngineSettings(10, 10, config.threads(), 86_400, publicUrl,
                hostIp + ":" + httpPort, config.timeZone().isEmpty() ? ZoneId.systemDefault()
                : ZoneId.of(config.timeZone()), RetryPolicy.DEFAULT, config.messagesPerMinute());
        MetaAlertStore alerts = new MetaAlertStore(meta.db());
        AlarmEngine engine = new AlarmEngine(SeriesQuery.of(store), new MetaRules(meta.db()),
                new MetaContacts(meta.db()), new MetaSilences(meta.db(), clock), alerts, alerts,
                new MetaLease(meta.db()), channels, settings, clock);
        if (config.enabled()) {
            engine.start();
            log.info("alarm engine evaluating as {}; mail {}", settings.owner(), config.smtpHost().isEmpty()
                    ? "off (alarm.smtp_host is empty)" : "via " + config.smtpHost() + ":" + config.smtpPort());
        } else {
            engine.refreshRules(); // the dry run and status endpoints still work
            log.info("alarm engine off (alarm.enabled is false)");
        }
        return new AlarmService(engine, alerts, config.enabled());
    }

    public AlarmEngine engine() {
        return engine;
    }

    MetaAlertStore alerts() {
        return alerts;
    }

    public boolean running() {
        return running;
    }

    /** Stops evaluating; an evaluation in progress finishes first. */
    @Override
    public void close() {
        engine.close();
    }
}
