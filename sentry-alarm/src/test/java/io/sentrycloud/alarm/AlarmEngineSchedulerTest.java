package io.sentrycloud.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.alarm.eval.SeriesQuery;
import io.sentrycloud.alarm.notify.WebhookChannel;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.tsdb.Point;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on its own threads and the real clock: a rule added while it runs fires and is delivered. */
class AlarmEngineSchedulerTest {

    @TempDir
    Path dir;

    @Test
    void runningEnginePicksUpANewRuleEvaluatesItAndDelivers() throws Exception {
        try (Fixture f = new Fixture(dir);
             AlarmEngine engine = new AlarmEngine(SeriesQuery.of(f.store), f.rules, f.contacts, f.silences,
                     f.alerts, f.alerts,
                     f.lease, List.of(new WebhookChannel(Duration.ofSeconds(5), Clock.systemUTC())),
                     new EngineSettings(10, 1, 2, 86_400, "", "it", ZoneOffset.UTC,
                             io.sentrycloud.alarm.notify.RetryPolicy.DEFAULT, 60), Clock.systemUTC())) {
            long now = System.currentTimeMillis() / 1000;
            List<Point> pts = new ArrayList<>();
            for (long t = now - 120; t <= now + 120; t++) { // covers every window the test can look at
                pts.add(Point.of("cpu", Map.of("host", "hot"), t * 1000, 99));
            }
            f.store.write(pts);
            engine.start();
            f.rules.put(new RuleRow(1, "hot cpu", 1, 5, "ops", 2, "{tag.host} at {value}",
                    "{\"metric\":\"cpu\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\",\"down_sample\":1}",
                    "{\"greater_than\":90}", true));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (f.messages().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(f.messages()).hasSize(1);
            assertThat(f.messages().get(0).at("/alerts/0/text").asText()).isEqualTo("hot at 99");
            assertThat(engine.status()).singleElement().satisfies(s -> {
                assertThat(s.lastEvaluatedAt()).isGreaterThanOrEqualTo(now);
                assertThat(s.lastError()).isEmpty();
            });
        }
    }
}
