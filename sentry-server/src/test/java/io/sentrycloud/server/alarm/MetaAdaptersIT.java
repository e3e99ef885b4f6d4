package io.sentrycloud.server.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.sentrycloud.alarm.AlarmEngine;
import io.sentrycloud.alarm.EngineSettings;
import io.sentrycloud.alarm.eval.SeriesQuery;
import io.sentrycloud.alarm.notify.Delivery;
import io.sentrycloud.alarm.notify.DeliveryStatus;
import io.sentrycloud.alarm.notify.MailChannel;
import io.sentrycloud.alarm.notify.Notification;
import io.sentrycloud.alarm.notify.Recipient;
import io.sentrycloud.alarm.notify.SmtpSettings;
import io.sentrycloud.alarm.rule.RuleParser;
import io.sentrycloud.alarm.state.AlertState;
import io.sentrycloud.alarm.state.RuleCommit;
import io.sentrycloud.alarm.state.SeriesState;
import io.sentrycloud.alarm.state.Transition;
import io.sentrycloud.server.config.MetaConfig;
import io.sentrycloud.server.meta.store.MetaStore;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.embedded.EmbeddedOptions;
import io.sentrycloud.tsdb.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The adapters over a real SQLite metadata database, and two engines sharing it. */
class MetaAdaptersIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
            .withPerMethodLifecycle(true);

    @TempDir
    Path dir;
    MetaStore meta;

    @BeforeEach
    void open() {
        meta = MetaStore.open(new MetaConfig("sqlite", "", "", "", "", 4, ""), dir);
    }

    @AfterEach
    void close() {
        meta.close();
    }

    private long rule(String name, int type, int range, String contacts, String ds, String trigger) {
        long now = System.currentTimeMillis();
        return meta.db().insert("INSERT INTO `alarm_rule` (`created`, `updated`, `name`, `type`, `query_range`,"
                + " `contacts`, `level`, `message`, `data_source`, `trigger`, `for_seconds`, `severity`)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, '{value}', ?, ?, 30, 'critical')", now, now, name, type, range,
                contacts, ds, trigger);
    }

    private void contact(String name, String mailTo, String webhook, String chat) {
        long now = System.currentTimeMillis();
        meta.db().insert("INSERT INTO `alarm_contact` (`created`, `updated`, `name`, `mail`, `webhook_url`,"
                + " `chat_webhook`) VALUES (?, ?, ?, ?, ?, ?)", now, now, name, mailTo, webhook, chat);
    }

    @Test
    void rulesTakeTheColumnsTheTriggerDoesNotSet() {
        long id = rule("cpu", 1, 60, "ops", "{\"metric\":\"cpu\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\","
                + "\"down_sample\":10}", "{\"greater_than\":90,\"repeat_interval\":120}");
        var rows = new MetaRules(meta.db()).rules();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.level()).isEqualTo(2); // severity critical beats level 0
            var parsed = RuleParser.parse(r);
            assertThat(parsed.trigger().forSeconds()).isEqualTo(30);
            assertThat(parsed.trigger().repeatSeconds()).isEqualTo(120); // the JSON wins
            assertThat(parsed.trigger().notifyResolved()).isTrue();
        });
    }

    @Test
    void contactsGroupsAndChatRobots() {
        contact("eric", "eric@example.org", "http://127.0.0.1:9/hook#k3y", "https://oapi.dingtalk.com/robot/send?a=1#SEC");
        contact("ann", "", "", "feishu:http://127.0.0.1:9/bot");
        long now = System.currentTimeMillis();
        long group = meta.db().insert("INSERT INTO `contact_group` (`created`, `updated`, `name`) VALUES (?, ?, ?)",
                now, now, "oncall");
        for (String member : List.of("eric", "ann")) {
            meta.db().update("INSERT INTO `contact_group_member` (`group_id`, `contact_id`) SELECT ?, `id` FROM"
                    + " `alarm_contact` WHERE `name` = ?", group, member);
        }
        MetaContacts contacts = new MetaContacts(meta.db());
        assertThat(contacts.contact("eric").orElseThrow().recipients()).containsExactly(
                new Recipient("mail", "eric@example.org", "", "eric"),
                new Recipient("webhook", "http://127.0.0.1:9/hook", "k3y", "eric"),
                new Recipient("dingtalk", "https://oapi.dingtalk.com/robot/send?a=1", "SEC", "eric"));
        assertThat(contacts.contact("oncall").orElseThrow().recipients()).extracting(Recipient::channel)
                .containsExactly("feishu", "mail", "webhook", "dingtalk");
        assertThat(contacts.contact("nobody")).isEmpty();
        assertThat(MetaContacts.chat("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", "c").channel())
                .isEqualTo("wecom");
        assertThat(MetaContacts.chat("https://hooks.slack.com/services/T/B/X", "c").channel()).isEqualTo("slack");
    }

    @Test
    void silencesBecomeMatchersOnRuleAndTags() {
        long id = rule("cpu", 1, 60, "ops", "{}", "{}");
        long now = System.currentTimeMillis();
        meta.db().insert("INSERT INTO `silence` (`created`, `updated`, `rule_id`, `matchers`, `starts`, `ends`,"
                + " `comment`, `created_by`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", now, now, id, "{\"host\":\"db-1\"}",
                now - 1000, now + 60_000, "disk swap", "eric");
        var source = new MetaSilences(meta.db(), Clock.systemUTC());
        long sec = now / 1000;
        assertThat(source.mutes(Map.of("rule_id", String.valueOf(id), "host", "db-1"), sec)).isTrue();
        assertThat(source.mutes(Map.of("rule_id", String.valueOf(id), "host", "db-2"), sec)).isFalse();
        assertThat(source.mutes(Map.of("rule_id", "999", "host", "db-1"), sec)).isFalse();
        assertThat(source.silences()).singleElement().satisfies(s -> {
            assertThat(s.author()).isEqualTo("eric");
            assertThat(s.comment()).isEqualTo("disk swap");
        });
    }

    @Test
    void statesHistoryAndOutboxRoundTripInOneTransaction() {
        long id = rule("cpu", 1, 60, "ops", "{}", "{}");
        MetaAlertStore store = new MetaAlertStore(meta.db());
        var tags = new TreeMap<>(Map.of("host", "a", "dc", "eu"));
        SeriesState firing = new SeriesState(id, tags, AlertState.FIRING, 1_700_000_000, 1_699_999_940, 95.5,
                1_699_999_990, Double.NaN, Double.NaN, 1_700_000_000, "2 of 6 values past the bounds");
        Notification n = new Notification(id, "cpu", "critical", 1_700_000_000, List.of(new Notification.Alert(
                "firing", "cpu", tags, 95.5, 1_699_999_990, "a at 95.5", "http://x")));
        Delivery d = Delivery.create(new Recipient("mail", "eric@example.org", "", "eric"), n, 1_700_000_000_000L);
        store.commit(new RuleCommit(id, List.of(firing), List.of(), List.of(new Transition(id, "cpu", "critical", tags,
                AlertState.PENDING, AlertState.FIRING, 95.5, 1_700_000_000, "breach", false)), List.of(d)));

        assertThat(store.states(id)).containsExactly(firing);
        assertThat(store.history(id, 0, 10)).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(AlertState.PENDING);
            assertThat(t.to()).isEqualTo(AlertState.FIRING);
            assertThat(t.tags()).isEqualTo(tags);
            assertThat(t.at()).isEqualTo(1_700_000_000);
        });
        assertThat(store.due(1_700_000_000_000L, 10)).singleElement().satisfies(x -> {
            assertThat(x.notification()).isEqualTo(n);
            assertThat(x.recipient()).isEqualTo(d.recipient());
        });
        store.update(d.failed("connection refused", 1_700_000_005_000L, false));
        assertThat(store.due(1_700_000_001_000L, 10)).isEmpty();
        assertThat(store.due(1_700_000_005_000L, 10)).singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(DeliveryStatus.RETRYING));
        assertThat(store.recent(10)).singleElement().satisfies(x -> assertThat(x.lastError()).isEqualTo("connection refused"));

        // a failing commit leaves nothing behind: the rule id of the state does not exist (foreign key)
        SeriesState orphan = new SeriesState(id + 100, tags, AlertState.FIRING, 1, 0, 1, 1, Double.NaN, Double.NaN, 0, "");
        Delivery d2 = Delivery.create(d.recipient(), n, 1_700_000_000_000L);
        try {
            store.commit(new RuleCommit(id + 100, List.of(orphan), List.of(), List.of(), List.of(d2)));
        } catch (RuntimeException expected) {
            // refused by the foreign key
        }
        assertThat(store.recent(10)).hasSize(1);
    }

    @Test
    void leaseHasOneHolderUntilItExpires() {
        MetaLease lease = new MetaLease(meta.db());
        assertThat(lease.tryAcquire(1, "a", 100, 130)).isTrue();
        assertThat(lease.tryAcquire(1, "b", 110, 140)).isFalse();
        assertThat(lease.tryAcquire(1, "a", 120, 150)).isTrue(); // renewed
        assertThat(lease.tryAcquire(1, "b", 149, 180)).isFalse();
        assertThat(lease.tryAcquire(1, "b", 150, 180)).isTrue(); // expired: taken over
        assertThat(lease.tryAcquire(2, "a", 150, 180)).isTrue();
    }

    @Test
    void twoEnginesOnOneDatabaseNotifyEachFiringExactlyOnce() throws Exception {
        contact("eric", "eric@example.org", "", "");
        long id = rule("cpu", 1, 60, "eric", "{\"metric\":\"cpu\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\","
                + "\"down_sample\":10}", "{\"greater_than\":90,\"for\":0}");
        long t0 = 1_700_000_000L;
        try (EmbeddedStore series = EmbeddedStore.open(EmbeddedOptions.defaults(dir.resolve("tsdb"))
                .withClock(Clock.fixed(Instant.ofEpochSecond(t0), ZoneOffset.UTC)))) {
            List<Point> pts = new ArrayList<>();
            for (long t = t0; t <= t0 + 900; t += 10) {
                pts.add(Point.of("cpu", Map.of("host", "b"), t * 1000, t <= t0 + 200 ? 95 : 20));
            }
            series.write(pts);
            MailChannel smtp = new MailChannel(new SmtpSettings("127.0.0.1", mail.getSmtp().getPort(),
                    "sentry@example.org", "", "", "none", 5000));
            List<AlarmEngine> engines = new ArrayList<>();
            for (String owner : List.of("server-1:51001", "server-2:51001")) {
                MetaAlertStore alerts = new MetaAlertStore(meta.db());
                AlarmEngine e = new AlarmEngine(SeriesQuery.of(series), new MetaRules(meta.db()),
                        new MetaContacts(meta.db()), new MetaSilences(meta.db(), Clock.systemUTC()), alerts, alerts,
                        new MetaLease(meta.db()), List.of(smtp), EngineSettings.defaults(owner),
                        Clock.fixed(Instant.ofEpochSecond(t0), ZoneOffset.UTC));
                e.refreshRules();
                engines.add(e);
            }
            for (long now = t0 + 70; now <= t0 + 400; now += 60) {
                int evaluated = 0;
                for (AlarmEngine e : engines) {
                    evaluated += e.evaluate(id, now) ? 1 : 0;
                    e.dispatch(now * 1000);
                }
                assertThat(evaluated).isEqualTo(1);
            }
            assertThat(mail.getReceivedMessages()).extracting(m -> m.getSubject()).containsExactly(
                    "[sentry] CRITICAL · cpu · FIRING 1", "[sentry] CRITICAL · cpu · RESOLVED 1");
        }
    }
}
