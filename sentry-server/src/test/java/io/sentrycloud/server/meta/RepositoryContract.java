package io.sentrycloud.server.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.server.config.MetaConfig;
import io.sentrycloud.server.meta.access.ApiToken;
import io.sentrycloud.server.meta.access.Role;
import io.sentrycloud.server.meta.access.User;
import io.sentrycloud.server.meta.alarm.AlarmRule;
import io.sentrycloud.server.meta.alarm.AlertRecord;
import io.sentrycloud.server.meta.alarm.AlertState;
import io.sentrycloud.server.meta.alarm.Contact;
import io.sentrycloud.server.meta.alarm.ContactGroup;
import io.sentrycloud.server.meta.alarm.Silence;
import io.sentrycloud.server.meta.api.Repositories;
import io.sentrycloud.server.meta.cluster.Instances;
import io.sentrycloud.server.meta.cluster.Leases;
import io.sentrycloud.server.meta.dashboard.Chart;
import io.sentrycloud.server.meta.dashboard.Dashboard;
import io.sentrycloud.server.meta.dashboard.Line;
import io.sentrycloud.server.meta.store.BadReferenceException;
import io.sentrycloud.server.meta.store.ConflictException;
import io.sentrycloud.server.meta.store.MetaStore;
import io.sentrycloud.server.meta.store.VersionConflictException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repositories' behaviour, the same on every back end; subclasses pick the database. */
abstract class RepositoryContract {

    @TempDir
    Path dataDir;

    final ManualClock clock = new ManualClock();
    MetaStore store;
    Repositories repos;

    abstract MetaConfig newDatabase();

    @BeforeEach
    void open() {
        store = MetaStore.open(newDatabase(), dataDir);
        repos = Repositories.of(store, clock);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static AlarmRule rule(String name) {
        return new AlarmRule(0, name, AlarmRule.THRESHOLD, 60, "ops", 1, "{time} {value}",
                "{\"metric\":\"sentry_sys_mem_usage\",\"tags\":{\"ip\":\"*\"}}", "{\"greater_than\":12.0}", true, 0,
                3600, true, "warning", 0, 0, 0);
    }

    static Contact contact(String name) {
        return new Contact(0, name, "", name + "@example.com", "", "", "", 0, 0, 0);
    }

    @Test
    void rulesChangedSinceAGivenTime() {
        AlarmRule a = repos.rules().create(rule("a"), "t");
        clock.advance(Duration.ofSeconds(10));
        long mark = clock.millis();
        AlarmRule b = repos.rules().create(rule("b"), "t");
        assertThat(repos.rules().changedSince(mark)).extracting(AlarmRule::name).containsExactly("b");
        clock.advance(Duration.ofSeconds(10));
        repos.rules().update(a.id(), a.version(), rule("a2"), "t");
        assertThat(repos.rules().changedSince(mark)).extracting(AlarmRule::name).containsExactly("a2", "b");
        assertThat(repos.rules().get(b.id()).dataSource()).isEqualTo(rule("x").dataSource());
        assertThatThrownBy(() -> repos.rules().update(a.id(), a.version(), rule("a3"), "t"))
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void concurrentUpdatesOfOneVersionLetExactlyOneWin() throws Exception {
        Dashboard d = repos.dashboards().create(Dashboard.draft("race", "", "", "", ""), "t");
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "writer-" + i;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    repos.dashboards().update(d.id(), d.version(), Dashboard.draft(name, "", "", "", ""), name);
                    return true;
                } catch (VersionConflictException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
            won += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        Dashboard after = repos.dashboards().get(d.id());
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.name()).startsWith("writer-");
    }

    @Test
    void chartsKeepTheirLinesInOrderAndMoveOnTheGrid() {
        Dashboard d = repos.dashboards().create(Dashboard.draft("d", "", "", "", ""), "t");
        Chart c = repos.charts().create(new Chart(0, d.id(), "c", "line", "sum", "10s", 10, new Chart.Grid(0, 0, 6, 4),
                "{}", List.of(new Line(0, "b", "m2", Map.of("k", "v"), 0), new Line(0, "a", "m1", Map.of(), 60)), 0, 0, 0),
                "t");
        assertThat(repos.charts().get(c.id()).lines()).extracting(Line::name).containsExactly("b", "a");
        Chart replaced = repos.charts().update(c.id(), 1, new Chart(0, d.id(), "c", "line", "avg", "1m", 10,
                c.grid(), "{}", List.of(new Line(0, "only", "m3", Map.of(), 0)), 0, 0, 0), "t");
        assertThat(replaced.lines()).extracting(Line::metric).containsExactly("m3");
        repos.charts().move(d.id(), Map.of(c.id(), new Chart.Grid(6, 2, 6, 3)), "t");
        assertThat(repos.charts().get(c.id()).grid()).isEqualTo(new Chart.Grid(6, 2, 6, 3));
        Dashboard other = repos.dashboards().create(Dashboard.draft("other", "", "", "", ""), "t");
        assertThatThrownBy(() -> repos.charts().move(other.id(), Map.of(c.id(), new Chart.Grid(0, 0, 1, 1)), "t"))
                .isInstanceOf(BadReferenceException.class);
    }

    @Test
    void contactsResolveByNameOrGroup() {
        Contact eric = repos.contacts().create(contact("eric"), "t");
        Contact ann = repos.contacts().create(contact("ann"), "t");
        repos.contacts().create(contact("bob"), "t");
        repos.contacts().createGroup(new ContactGroup(0, "ops", "", List.of(ann.id(), eric.id()), 0, 0, 0), "t");
        assertThat(repos.contacts().resolve("bob, ops;eric nobody")).extracting(Contact::name)
                .containsExactly("bob", "eric", "ann");
        assertThatThrownBy(() -> repos.contacts().createGroup(new ContactGroup(0, "bad", "", List.of(999_999L), 0,
                0, 0), "t")).isInstanceOf(BadReferenceException.class);
        assertThat(repos.contacts().listGroups(10, 0).items()).extracting(ContactGroup::name).containsExactly("ops");
        repos.contacts().delete(eric.id(), "t");
        assertThat(repos.contacts().resolve("ops")).extracting(Contact::name).containsExactly("ann");
    }

    @Test
    void silencesInForce() {
        AlarmRule r = repos.rules().create(rule("r"), "t");
        long now = clock.millis();
        repos.silences().create(new Silence(0, r.id(), Map.of("ip", "1"), now - 1000, now + 1000, "now", "", 0, 0, 0),
                "t");
        repos.silences().create(new Silence(0, null, Map.of(), now + 5000, now + 9000, "later", "", 0, 0, 0), "t");
        assertThat(repos.silences().activeAt(now)).extracting(Silence::comment).containsExactly("now");
        assertThat(repos.silences().activeAt(now + 6000)).extracting(Silence::comment).containsExactly("later");
        assertThatThrownBy(() -> repos.silences().create(new Silence(0, 999_999L, Map.of(), 0, 1, "", "", 0, 0, 0),
                "t")).isInstanceOf(BadReferenceException.class);
        repos.rules().delete(r.id(), "t");
        assertThat(repos.silences().list(null, 10, 0).total()).as("a rule's silences go with it").isEqualTo(1);
    }

    @Test
    void alertStateIsUpsertedAndHistoryPagedNewestFirst() {
        AlarmRule r = repos.rules().create(rule("r"), "t");
        String series = "{\"ip\":\"10.0.0.1\"}";
        repos.alerts().saveState(new AlertState(r.id(), series, "pending", 1000, 1, 13.0, null, 1000));
        repos.alerts().saveState(new AlertState(r.id(), series, "firing", 2000, 2, 14.0, 2000L, 2000));
        repos.alerts().saveState(new AlertState(r.id(), "{\"ip\":\"10.0.0.2\"}", "ok", 2000, 0, null, null, 2000));
        assertThat(repos.alerts().states(r.id())).hasSize(2);
        List<AlertState> active = repos.alerts().active();
        assertThat(active).hasSize(1);
        assertThat(active.get(0).state()).isEqualTo("firing");
        assertThat(active.get(0).lastNotified()).isEqualTo(2000L);
        assertThat(active.get(0).lastValue()).isEqualTo(14.0);
        repos.alerts().clearState(r.id(), series);
        assertThat(repos.alerts().active()).isEmpty();

        for (int i = 0; i < 5; i++) {
            repos.alerts().record(new AlertRecord(0, 1000 + i, r.id(), "r", series, i % 2 == 0 ? "firing" : "resolved",
                    i == 4 ? null : (double) i, "m" + i, "eric"));
        }
        var page = repos.alerts().history(r.id(), 2, 0);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.items()).extracting(AlertRecord::message).containsExactly("m4", "m3");
        assertThat(page.items().get(0).value()).isNull();
        assertThat(repos.alerts().history(null, 10, 4).items()).extracting(AlertRecord::message).containsExactly("m0");
    }

    @Test
    void usersTokensAndSessions() {
        User ed = repos.users().create("ed", "ed-password", Role.EDITOR, true, "t");
        assertThat(repos.users().authenticate("ed", "ed-password")).contains(ed);
        assertThat(repos.users().authenticate("ed", "wrong-password")).isEmpty();
        assertThat(repos.users().authenticate("nobody", "ed-password")).isEmpty();

        ApiToken.Created t = repos.tokens().create("ci", ed.id(), ApiToken.SCOPE_API, clock.millis() + 60_000, "t");
        var auth = repos.tokens().authenticate(t.secret()).orElseThrow();
        assertThat(auth.principal().name()).isEqualTo("ed");
        assertThat(auth.principal().role()).isEqualTo(Role.EDITOR);
        assertThat(repos.tokens().get(t.token().id()).lastUsed()).isEqualTo(clock.millis());
        assertThat(repos.tokens().authenticate(t.secret() + "x")).isEmpty();

        var session = repos.sessions().open(ed.id(), 1);
        assertThat(repos.sessions().find(session.cookie()).orElseThrow().csrfToken()).isEqualTo(session.csrfToken());

        User disabled = repos.users().update(ed.id(), ed.version(), Role.EDITOR, false, null, "t");
        assertThat(disabled.enabled()).isFalse();
        assertThat(repos.users().authenticate("ed", "ed-password")).isEmpty();
        assertThat(repos.tokens().authenticate(t.secret())).as("a disabled user's token").isEmpty();
        assertThat(repos.sessions().find(session.cookie())).as("and session").isEmpty();

        repos.users().update(ed.id(), disabled.version(), Role.EDITOR, true, null, "t");
        assertThat(repos.sessions().find(session.cookie())).isPresent();
        clock.advance(Duration.ofMinutes(61));
        assertThat(repos.sessions().find(session.cookie())).as("expired").isEmpty();
        assertThat(repos.tokens().authenticate(t.secret())).as("expired").isEmpty();

        User admin = repos.users().create("root", "root-password", Role.ADMIN, true, "t");
        assertThatThrownBy(() -> repos.users().delete(admin.id(), "t")).isInstanceOf(ConflictException.class);
        repos.users().delete(ed.id(), "t");
        assertThat(repos.tokens().list(10, 0).total()).as("tokens go with their user").isZero();
    }

    @Test
    void leasesHaveOneHolderUntilTheyExpire() {
        Leases leases = new Leases(store.db(), clock);
        assertThat(leases.acquire("alarm", "a", 10_000)).isTrue();
        assertThat(leases.acquire("alarm", "b", 10_000)).isFalse();
        assertThat(leases.acquire("alarm", "a", 10_000)).as("renewal").isTrue();
        assertThat(leases.holder("alarm")).contains("a");
        clock.advance(Duration.ofSeconds(11));
        assertThat(leases.holder("alarm")).isEmpty();
        assertThat(leases.acquire("alarm", "b", 10_000)).isTrue();
        leases.release("alarm", "a"); // not a's any more: no effect
        assertThat(leases.holder("alarm")).contains("b");
        leases.release("alarm", "b");
        assertThat(leases.acquire("alarm", "a", 10_000)).isTrue();

        Instances instances = new Instances(store.db(), clock);
        instances.heartbeat("i1", "10.0.0.1:51001", clock.millis(), 30_000);
        instances.heartbeat("i2", "10.0.0.2:51001", clock.millis(), 30_000);
        clock.advance(Duration.ofSeconds(20));
        instances.heartbeat("i1", "10.0.0.1:51001", 0, 30_000);
        clock.advance(Duration.ofSeconds(20));
        assertThat(instances.live()).extracting(Instances.Instance::id).containsExactly("i1");
        instances.leave("i1");
        assertThat(instances.live()).isEmpty();
    }
}
