package io.sentrycloud.alarm;

import io.sentrycloud.alarm.eval.SeriesQuery;
import io.sentrycloud.alarm.memory.MemoryAlertStore;
import io.sentrycloud.alarm.memory.MemoryContacts;
import io.sentrycloud.alarm.memory.MemoryLease;
import io.sentrycloud.alarm.memory.MemoryRules;
import io.sentrycloud.alarm.memory.MemorySilences;
import io.sentrycloud.alarm.notify.Contact;
import io.sentrycloud.alarm.notify.Delivery;
import io.sentrycloud.alarm.notify.Recipient;
import io.sentrycloud.alarm.notify.RetryPolicy;
import io.sentrycloud.alarm.notify.WebhookChannel;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A real embedded store, the in-memory sources, and a contact "ops" whose generic webhook points at a local HTTP
 * server; every test drives the engine at explicit times.
 */
final class Fixture implements AutoCloseable {

    /** A round epoch second the crafted data starts at. */
    static final long T0 = 1_700_000_000L;

    final EmbeddedStore store;
    final MemoryRules rules = new MemoryRules();
    final MemoryContacts contacts = new MemoryContacts();
    final MemorySilences silences = new MemorySilences();
    final MemoryAlertStore alerts = new MemoryAlertStore();
    final MemoryLease lease = new MemoryLease();
    final WebhookReceiver receiver;
    final List<AlarmEngine> engines = new ArrayList<>();

    Fixture(Path dir) throws java.io.IOException {
        this(dir, EmbeddedOptions.DEFAULT_MAX_SERIES_PER_QUERY);
    }

    Fixture(Path dir, int maxSeriesPerQuery) throws java.io.IOException {
        receiver = new WebhookReceiver();
        store = EmbeddedStore.open(EmbeddedOptions.defaults(dir)
                .withQueryLimits(maxSeriesPerQuery, EmbeddedOptions.DEFAULT_MAX_POINTS_PER_QUERY).withClock(Clock.fixed(Instant.ofEpochSecond(T0 + 86_400), ZoneOffset.UTC)));
        contacts.put(new Contact("ops", "", "", "", List.of(new Recipient("webhook", receiver.url("/hook"), "",
                "ops"))));
    }

    AlarmEngine engine(String owner) {
        AlarmEngine e = new AlarmEngine(SeriesQuery.of(store), rules, contacts, silences, alerts, alerts, lease,
                List.of(new WebhookChannel(Duration.ofSeconds(5), Clock.systemUTC())),
                EngineSettings.defaults(owner).withZone(ZoneOffset.UTC).withPublicUrl("http://sentry.test:51001")
                        .withRetry(new RetryPolicy(1000, 8000, 3_600_000)),
                Clock.fixed(Instant.ofEpochSecond(T0), ZoneOffset.UTC));
        engines.add(e);
        e.refreshRules();
        return e;
    }

    /** Writes one point per {@code step} seconds from {@code from} to {@code to} inclusive. */
    void points(String metric, Map<String, String> tags, long from, long to, long step, double value) {
        List<Point> pts = new ArrayList<>();
        for (long t = from; t <= to; t += step) {
            pts.add(Point.of(metric, tags, t * 1000, value));
        }
        store.write(pts);
    }

    static RuleRow rule(long id, int type, int range, String dataSource, String trigger) {
        return new RuleRow(id, "rule " + id, type, range, "ops", 2, "{time} {metric} {tags} value {value}",
                dataSource, trigger, true);
    }

    /** The deliveries the engine queued, oldest first. */
    List<Delivery> queued() {
        List<Delivery> all = new ArrayList<>(alerts.recent(10_000));
        Collections.reverse(all);
        return all;
    }

    @Override
    public void close() {
        engines.forEach(AlarmEngine::close);
        store.close();
        receiver.close();
    }

    /** The generic webhook bodies received so far. */
    List<com.fasterxml.jackson.databind.JsonNode> messages() {
        return receiver.received().stream().map(WebhookReceiver.Received::json).toList();
    }
}
