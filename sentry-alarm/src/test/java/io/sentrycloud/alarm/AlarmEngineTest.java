package io.sentrycloud.alarm;

import static io.sentrycloud.alarm.Fixture.T0;
import static io.sentrycloud.alarm.Fixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.alarm.notify.Delivery;
import io.sentrycloud.alarm.notify.DeliveryStatus;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.alarm.silence.Matcher;
import io.sentrycloud.alarm.state.AlertState;
import io.sentrycloud.alarm.state.SeriesState;
import io.sentrycloud.alarm.state.Transition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule type against a real embedded store with crafted data, notified through a real local webhook. */
class AlarmEngineTest {

    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void open() throws Exception {
        f = new Fixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static final String CPU_ALL = "{\"metric\":\"cpu\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\","
            + "\"down_sample\":10}";

    /** Evaluates at {@code now} and sends what that queued; returns the messages received by then. */
    private List<JsonNode> step(AlarmEngine e, long ruleId, long now) {
        e.evaluate(ruleId, now);
        e.dispatch(now * 1000);
        return f.messages();
    }

    private SeriesState state(long ruleId, String host) {
        return f.alerts.states(ruleId).stream().filter(s -> host.equals(s.tags().get("host"))).findFirst()
                .orElseThrow();
    }

    @Test
    void thresholdFiresOncePerEpisodeResolvesAndRepeats() {
        f.points("cpu", Map.of("host", "a"), T0, T0 + 900, 10, 50);
        f.points("cpu", Map.of("host", "b"), T0, T0 + 120, 10, 95);
        f.points("cpu", Map.of("host", "b"), T0 + 130, T0 + 900, 10, 40);
        f.points("cpu", Map.of("host", "c"), T0, T0 + 900, 10, 99);
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90,\"error_count\":2,\"repeat_interval\":300}"));
        AlarmEngine e = f.engine("a");

        List<JsonNode> m = step(e, 1, T0 + 70); // window [T0, T0+60]: b and c at 95/99
        assertThat(m).hasSize(1);
        JsonNode first = m.get(0);
        assertThat(first.at("/rule/id").asLong()).isEqualTo(1);
        assertThat(first.at("/severity").asText()).isEqualTo("critical");
        assertThat(first.at("/status").asText()).isEqualTo("firing");
        assertThat(first.get("alerts")).hasSize(2); // grouped per rule in one message
        assertThat(first.at("/alerts/0/state").asText()).isEqualTo("firing");
        assertThat(first.at("/alerts/0/tags/host").asText()).isEqualTo("b");
        assertThat(first.at("/alerts/0/value").asDouble()).isEqualTo(95);
        assertThat(first.at("/alerts/0/text").asText())
                .isEqualTo("2023-11-14 22:14:20 cpu {\"host\":\"b\"} value 95");
        assertThat(first.at("/alerts/0/link").asText()).startsWith("http://sentry.test:51001/#/explore?metric=cpu&tags=")
                .contains("%22host%22%3A%22b%22").contains("&end=" + (T0 + 60));
        assertThat(first.at("/alerts/1/tags/host").asText()).isEqualTo("c");
        assertThat(state(1, "a").state()).isEqualTo(AlertState.OK);

        assertThat(step(e, 1, T0 + 130)).hasSize(1); // still firing, repeat not due: nothing new
        m = step(e, 1, T0 + 200); // b back at 40
        assertThat(m).hasSize(2);
        assertThat(m.get(1).at("/status").asText()).isEqualTo("resolved");
        assertThat(m.get(1).get("alerts")).hasSize(1);
        assertThat(m.get(1).at("/alerts/0/tags/host").asText()).isEqualTo("b");
        assertThat(state(1, "b").state()).isEqualTo(AlertState.RESOLVED);

        m = step(e, 1, T0 + 400); // c has fired for 330 s >= repeat_interval 300
        assertThat(m).hasSize(3);
        assertThat(m.get(2).at("/alerts/0/tags/host").asText()).isEqualTo("c");
        assertThat(m.get(2).get("alerts")).hasSize(1);

        List<Transition> h = f.alerts.history(1, 0, 100);
        assertThat(h).extracting(t -> t.tags().get("host") + ":" + t.from() + ">" + t.to())
                .containsExactlyInAnyOrder("b:FIRING>RESOLVED", "b:OK>FIRING", "c:OK>FIRING");
        assertThat(h.get(0).to()).isEqualTo(AlertState.RESOLVED); // newest first
        assertThat(h.get(0).value()).isEqualTo(40);
        assertThat(h.get(0).notified()).isEqualTo("webhook:" + f.receiver.url("/hook"));
    }

    @Test
    void errorCountCountsPointsOfOneWindow() {
        f.points("cpu", Map.of("host", "a"), T0, T0 + 60, 10, 50);
        f.points("cpu", Map.of("host", "a"), T0 + 30, T0 + 30, 10, 97); // one spike
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90,\"error_count\":2}"));
        AlarmEngine e = f.engine("a");
        assertThat(step(e, 1, T0 + 70)).isEmpty();
        assertThat(state(1, "a").state()).isEqualTo(AlertState.OK);
    }

    @Test
    void forKeepsABreachPendingUntilItLasted() {
        f.points("cpu", Map.of("host", "b"), T0, T0 + 400, 10, 95);
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90,\"for\":120}"));
        AlarmEngine e = f.engine("a");
        assertThat(step(e, 1, T0 + 70)).isEmpty();
        assertThat(state(1, "b").state()).isEqualTo(AlertState.PENDING);
        assertThat(step(e, 1, T0 + 130)).isEmpty();
        assertThat(state(1, "b").state()).isEqualTo(AlertState.PENDING);
        assertThat(step(e, 1, T0 + 190)).hasSize(1);
        assertThat(state(1, "b").state()).isEqualTo(AlertState.FIRING);
        assertThat(e.activeAlerts()).extracting(s -> s.tags().get("host")).containsExactly("b");
    }

    @Test
    void lessThanBoundAndThresholdWithoutStarNoData() {
        f.points("mem", Map.of("ip", "10.0.0.3"), T0, T0 + 60, 10, 0.5);
        f.rules.put(rule(1, 1, 60, "{\"metric\":\"mem\",\"tags\":{\"ip\":\"10.0.0.3\"},\"aggregation\":\"avg\","
                + "\"down_sample\":\"10s\"}", "{\"greater_than\":12.0,\"less_than\":1.0,\"error_count\":2}"));
        AlarmEngine e = f.engine("a");
        assertThat(step(e, 1, T0 + 70)).hasSize(1);
        assertThat(step(e, 1, T0 + 200)).hasSize(2); // nothing since T0+60: no data, told once
        assertThat(f.messages().get(1).at("/alerts/0/state").asText()).isEqualTo("no data");
        assertThat(f.alerts.states(1).get(0).state()).isEqualTo(AlertState.NO_DATA);
        assertThat(step(e, 1, T0 + 300)).hasSize(2);
    }

    @Test
    void silenceHoldsNotificationsBackAndTheAlertIsToldWhenItEnds() {
        f.points("cpu", Map.of("host", "b"), T0, T0 + 400, 10, 95);
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90}"));
        var s = f.silences.add(List.of(Matcher.parse("rule=rule 1"), Matcher.parse("host=~b|x")), T0, T0 + 100,
                "eric", "deploying b");
        AlarmEngine e = f.engine("a");
        assertThat(step(e, 1, T0 + 70)).isEmpty();
        assertThat(state(1, "b").state()).isEqualTo(AlertState.FIRING);
        assertThat(f.alerts.history(1, 0, 10).get(0).silenced()).isTrue();
        f.silences.expire(s.id(), T0 + 100);
        assertThat(step(e, 1, T0 + 130)).hasSize(1);
    }

    @Test
    void disabledRuleIsNotEvaluated() {
        f.points("cpu", Map.of("host", "b"), T0, T0 + 400, 10, 95);
        RuleRow r = rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90}");
        f.rules.put(new RuleRow(r.id(), r.name(), r.type(), r.queryRange(), r.contacts(), r.level(), r.message(),
                r.dataSource(), r.trigger(), false));
        AlarmEngine e = f.engine("a");
        assertThat(e.evaluate(1, T0 + 70)).isFalse();
        assertThat(f.alerts.states(1)).isEmpty();
        f.rules.put(r);
        e.refreshRules();
        assertThat(step(e, 1, T0 + 70)).hasSize(1);
    }

    @Test
    void heartbeatWatchesNewSeriesFiresWhenAnAgentStopsResolvesWhenBackAndForgets() {
        Map<String, String> x = Map.of("host", "x");
        Map<String, String> y = Map.of("host", "y");
        f.points("sentry_sys_mem_usage", x, T0, T0 + 100, 10, 30);
        f.points("sentry_sys_mem_usage", y, T0, T0 + 100, 10, 30);
        f.rules.put(rule(1, 0, 60, "{\"metric\":\"sentry_sys_mem_usage\",\"tags\":{\"host\":\"*\"},"
                + "\"aggregation\":\"max\",\"down_sample\":10}", "{\"error_count\":1}"));
        AlarmEngine e = f.engine("a");
        assertThat(step(e, 1, T0 + 70)).isEmpty();
        f.points("sentry_sys_mem_usage", Map.of("host", "z"), T0 + 110, T0 + 500, 10, 30); // joins later
        assertThat(step(e, 1, T0 + 130)).isEmpty();
        assertThat(state(1, "z").state()).isEqualTo(AlertState.OK);

        List<JsonNode> m = step(e, 1, T0 + 200); // x and y silent since T0+100
        assertThat(m).hasSize(1);
        assertThat(m.get(0).get("alerts")).extracting(a -> a.at("/tags/host").asText()).containsExactly("x", "y");
        assertThat(m.get(0).at("/alerts/0/text").asText()).contains("sentry_sys_mem_usage");

        assertThat(e.forget(1, y, T0 + 210)).isTrue();
        f.points("sentry_sys_mem_usage", x, T0 + 240, T0 + 500, 10, 30); // x is back
        m = step(e, 1, T0 + 270);
        assertThat(m).hasSize(2);
        assertThat(m.get(1).at("/status").asText()).isEqualTo("resolved");
        assertThat(m.get(1).get("alerts")).extracting(a -> a.at("/tags/host").asText()).containsExactly("x");
        assertThat(state(1, "y").state()).isEqualTo(AlertState.FORGOTTEN);
        assertThat(step(e, 1, T0 + 400)).hasSize(2); // y stays retired and silent
    }

    @Test
    void heartbeatWithoutStarFiresWhenTheSeriesHasNoPoint() {
        f.points("up", Map.of("ip", "127.0.0.1"), T0, T0 + 50, 10, 1);
        f.rules.put(rule(1, 0, 60, "{\"metric\":\"up\",\"tags\":{\"ip\":\"127.0.0.1\"},\"aggregation\":\"max\","
                + "\"down_sample\":10}", "{\"error_count\":1}"));
        AlarmEngine e = f.engine("a");
        assertThat(step(e, 1, T0 + 70)).isEmpty();
        List<JsonNode> m = step(e, 1, T0 + 130);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).at("/alerts/0/tags/ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void heartbeatCreatedAfterAnAgentDiedStillFires() {
        f.points("up", Map.of("host", "old"), T0, T0 + 50, 10, 1);
        f.points("up", Map.of("host", "live"), T0, T0 + 500, 10, 1);
        f.rules.put(rule(1, 0, 60, "{\"metric\":\"up\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\","
                + "\"down_sample\":10}", "{}"));
        AlarmEngine e = f.engine("a");
        List<JsonNode> m = step(e, 1, T0 + 400);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).get("alerts")).extracting(a -> a.at("/tags/host").asText()).containsExactly("old");
    }

    @Test
    void compareAgainstTheSameWindowDaysAgoAndMissingHistoryIsNoData() {
        long day = 86_400;
        f.points("req", Map.of("host", "h1"), T0 - day, T0 - day + 60, 10, 100);
        f.points("req", Map.of("host", "h1"), T0, T0 + 60, 10, 200);
        f.points("req", Map.of("host", "h2"), T0, T0 + 60, 10, 200); // new: no history
        RuleRow r = new RuleRow(1, "req doubled", 3, 60, "ops", 1,
                "{time} {tag.host} now {value}, history {history.value}, ratio {compare.value}",
                "{\"metric\":\"req\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"sum\",\"down_sample\":10,"
                        + "\"compare_type\":1,\"compare_days_ago\":1,\"compare_seconds\":0}",
                "{\"greater_than\":1.5,\"error_count\":1}", true);
        f.rules.put(r);
        AlarmEngine e = f.engine("a");
        List<JsonNode> m = step(e, 1, T0 + 70);
        assertThat(m).hasSize(1);
        JsonNode n = m.get(0);
        assertThat(n.at("/severity").asText()).isEqualTo("warning");
        assertThat(n.get("alerts")).hasSize(2);
        assertThat(n.at("/alerts/0/state").asText()).isEqualTo("firing");
        assertThat(n.at("/alerts/0/text").asText()).isEqualTo("2023-11-14 22:14:20 h1 now 200, history 100, ratio 2");
        assertThat(n.at("/alerts/1/state").asText()).isEqualTo("no data");
        assertThat(n.at("/alerts/1/tags/host").asText()).isEqualTo("h2");
        assertThat(state(1, "h2").detail()).contains("no history");
    }

    @Test
    void compareAsDifferenceWithinBoundsIsOk() {
        f.points("req", Map.of("ip", "a"), T0 - 60, T0 + 60, 10, 10);
        f.rules.put(rule(1, 3, 60, "{\"metric\":\"req\",\"tags\":{\"ip\":\"a\"},\"aggregation\":\"max\","
                + "\"down_sample\":10,\"compare_type\":0,\"compare_days_ago\":0,\"compare_seconds\":60}",
                "{\"less_than\":-8.0,\"greater_than\":8.0,\"error_count\":1}"));
        AlarmEngine e = f.engine("a");
        assertThat(step(e, 1, T0 + 70)).isEmpty();
        assertThat(f.alerts.states(1)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(AlertState.OK);
            assertThat(s.history()).isEqualTo(10);
            assertThat(s.compare()).isEqualTo(0);
        });
    }

    @Test
    void topNFiresForTheRankedSeriesPastTheBoundsAndSendsPeriodicReports() {
        f.points("disk", Map.of("host", "a"), T0, T0 + 900, 10, 90);
        f.points("disk", Map.of("host", "b"), T0, T0 + 900, 10, 85);
        f.points("disk", Map.of("host", "c"), T0, T0 + 900, 10, 99);
        f.points("disk", Map.of("host", "d"), T0, T0 + 900, 10, 10);
        f.rules.put(rule(1, 2, 60, "{\"metric\":\"disk\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\","
                + "\"down_sample\":10,\"sort\":\"desc\",\"limit\":2}", "{\"greater_than\":80}"));
        f.rules.put(rule(2, 2, 60, "{\"metric\":\"disk\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"avg\","
                + "\"down_sample\":10,\"sort\":\"asc\",\"limit\":3}", "{\"report_interval\":300}"));
        AlarmEngine e = f.engine("a");
        List<JsonNode> m = step(e, 1, T0 + 70);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).get("alerts")).extracting(a -> a.at("/tags/host").asText() + "=" + a.at("/value"))
                .containsExactly("c=99.0", "a=90.0");

        // T0 + 100 is a multiple of 300: the report slots change there
        assertThat((T0 + 100) % 300).isZero();
        assertThat(step(e, 2, T0 + 70)).hasSize(1); // learns its report slot, no alarms without bounds
        assertThat(step(e, 2, T0 + 105)).hasSize(1); // window end T0+95: same slot
        m = step(e, 2, T0 + 115); // window end T0+105 is in the next slot
        assertThat(m).hasSize(2);
        assertThat(m.get(1).get("alerts")).extracting(a -> a.at("/state").asText() + ":" + a.at("/tags/host").asText())
                .containsExactly("report:d", "report:b", "report:a");
    }

    @Test
    void dryRunChangesNothing() {
        f.points("cpu", Map.of("host", "b"), T0, T0 + 400, 10, 95);
        AlarmEngine e = f.engine("a");
        var ev = e.preview(rule(9, 1, 60, CPU_ALL, "{\"greater_than\":90}"), T0 + 70);
        assertThat(ev.observations()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(io.sentrycloud.alarm.eval.Observation.Kind.BREACH);
            assertThat(o.value()).isEqualTo(95);
        });
        assertThat(f.alerts.allStates()).isEmpty();
        assertThat(f.queued()).isEmpty();
    }

    @Test
    void queryErrorIsAStateOfItsOwnAndVisible() throws Exception {
        f.close();
        f = new Fixture(dir.resolve("small"), 2);
        for (String h : List.of("a", "b", "c")) {
            f.points("cpu", Map.of("host", h), T0, T0 + 100, 10, 1);
        }
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90}"));
        AlarmEngine e = f.engine("a");
        List<JsonNode> m = step(e, 1, T0 + 70);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).at("/alerts/0/state").asText()).isEqualTo("error");
        assertThat(m.get(0).at("/alerts/0/text").asText()).contains("cpu");
        assertThat(e.activeAlerts()).singleElement().satisfies(s -> {
            assertThat(s.ruleScope()).isTrue();
            assertThat(s.state()).isEqualTo(AlertState.ERROR);
            assertThat(s.detail()).contains("more than the limit");
        });
        assertThat(e.status()).singleElement().satisfies(st -> assertThat(st.lastError()).contains("limit"));
    }

    @Test
    void invalidRuleIsReportedNotEvaluated() {
        f.rules.put(rule(1, 2, 60, CPU_ALL.replace("\"*\"", "\"a\""), "{}"));
        AlarmEngine e = f.engine("a");
        assertThat(e.status()).singleElement().satisfies(st ->
                assertThat(st.invalid()).contains("exactly one tag whose value is '*'"));
        assertThat(e.evaluate(1, T0 + 70)).isFalse();
    }

    @Test
    void failedDeliveryIsRetriedWithBackoffDeliveredOnceAndTheFailureStaysVisible() {
        f.points("cpu", Map.of("host", "b"), T0, T0 + 400, 10, 95);
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90}"));
        AlarmEngine e = f.engine("a");
        f.receiver.status(503);
        long now = T0 + 70;
        e.evaluate(1, now);
        assertThat(e.dispatch(now * 1000)).isZero();
        Delivery d = f.queued().get(0);
        assertThat(d.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastError()).contains("HTTP 503");
        assertThat(e.dispatch(now * 1000 + 1999)).isZero(); // second attempt after 1 s: still down
        assertThat(f.queued().get(0).attempts()).isEqualTo(2);

        f.receiver.status(200);
        assertThat(e.dispatch(now * 1000 + 2500)).isZero(); // backoff: not yet
        assertThat(e.dispatch(now * 1000 + 3999)).isEqualTo(1);
        assertThat(e.dispatch(now * 1000 + 60_000)).isZero();
        assertThat(f.messages()).hasSize(1);
        Delivery done = f.queued().get(0);
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.lastError()).contains("HTTP 503");
    }

    @Test
    void restartResumesFromTheStoreWithoutDuplicatesAndSendsWhatWasQueued() {
        f.points("cpu", Map.of("host", "b"), T0, T0 + 400, 10, 95);
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90}"));
        AlarmEngine before = f.engine("host-1");
        before.evaluate(1, T0 + 70); // queued, then the process dies before sending
        before.close();

        AlarmEngine after = f.engine("host-1");
        after.dispatch((T0 + 75) * 1000);
        assertThat(f.messages()).hasSize(1);
        assertThat(step(after, 1, T0 + 130)).hasSize(1); // the firing alert is remembered as told
        assertThat(f.alerts.history(1, 0, 10)).hasSize(1);
    }

    @Test
    void twoEvaluatorsOnOneStoreNotifyEachFiringExactlyOnce() {
        f.points("cpu", Map.of("host", "b"), T0, T0 + 200, 10, 95);
        f.points("cpu", Map.of("host", "b"), T0 + 210, T0 + 900, 10, 20);
        f.rules.put(rule(1, 1, 60, CPU_ALL, "{\"greater_than\":90}"));
        AlarmEngine a = f.engine("a");
        AlarmEngine b = f.engine("b");
        for (long now = T0 + 70; now <= T0 + 190; now += 60) {
            assertThat(a.evaluate(1, now)).isTrue();
            assertThat(b.evaluate(1, now)).isFalse();
            a.dispatch(now * 1000);
            b.dispatch(now * 1000);
        }
        assertThat(f.messages()).hasSize(1);
        // a stops; once its lease has run out b takes over with the stored state and tells only the resolve
        long later = T0 + 190 + 3 * 60 + 20;
        assertThat(b.evaluate(1, later)).isTrue();
        b.dispatch(later * 1000);
        assertThat(f.messages()).hasSize(2);
        assertThat(f.messages().get(1).at("/status").asText()).isEqualTo("resolved");
    }
}
