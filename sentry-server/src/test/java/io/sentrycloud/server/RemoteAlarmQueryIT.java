package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.alarm.eval.Evaluation;
import io.sentrycloud.alarm.eval.Evaluator;
import io.sentrycloud.alarm.eval.Observation;
import io.sentrycloud.alarm.remote.HttpSeriesQuery;
import io.sentrycloud.alarm.rule.RuleParser;
import io.sentrycloud.alarm.rule.RuleRow;
import io.sentrycloud.server.config.ServerConfig;
import io.sentrycloud.tsdb.StoreException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarm evaluator run apart from the server (the original's separate sentry_alarm): its queries go through
 * the real server's /server/api/range and /server/api/topn, and each rule type sees what the data says.
 */
class RemoteAlarmQueryIT {

    @TempDir
    Path data;
    SentryServer server;
    Evaluator remote;
    /** A minute boundary ten minutes ago: windows are aligned so the server's bucketing matches ours. */
    final long base = System.currentTimeMillis() / 1000 / 60 * 60 - 600;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false", "--alarm.enabled=false"));
        remote = new Evaluator(new HttpSeriesQuery(URI.create("http://127.0.0.1:" + server.port()),
                Duration.ofSeconds(5)), 86_400);
        StringJoiner points = new StringJoiner(",", "[", "]");
        for (long s = base - 120; s < base + 120; s += 10) {
            points.add(point("a", s, s >= base ? 95 : 50));
            points.add(point("b", s, 40));
        }
        assertThat(new ServerClient(server.port()).post("/server/api/putMetrics", points.toString()).status())
                .isEqualTo(200);
    }

    private static String point(String host, long ts, double v) {
        return "{\"metric\":\"cpu\",\"tags\":{\"host\":\"" + host + "\"},\"timestamp\":" + ts + ",\"value\":" + v + "}";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Evaluation evaluate(int type, String ds, String trigger) {
        return remote.evaluate(RuleParser.parse(new RuleRow(1, "r", type, 60, "", 1, "", ds, trigger, true)),
                base + 59, true);
    }

    @Test
    void thresholdCompareAndTopNThroughTheQueryApi() {
        String cpu = "{\"metric\":\"cpu\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\",\"down_sample\":10";
        Evaluation th = evaluate(1, cpu + "}", "{\"greater_than\":90,\"error_count\":3}");
        assertThat(th.observations()).extracting(o -> o.tags().get("host") + ":" + o.kind() + ":" + o.value())
                .containsExactlyInAnyOrder("a:BREACH:95.0", "b:OK:40.0");

        Evaluation cmp = evaluate(3, cpu + ",\"compare_type\":0,\"compare_seconds\":120}", "{\"greater_than\":30}");
        Observation a = cmp.observations().stream().filter(o -> o.tags().get("host").equals("a")).findFirst()
                .orElseThrow();
        assertThat(a.kind()).isEqualTo(Observation.Kind.BREACH);
        assertThat(a.history()).isEqualTo(50);
        assertThat(a.compare()).isEqualTo(45);

        Evaluation top = evaluate(2, cpu + ",\"sort\":\"asc\",\"limit\":1}", "{\"less_than\":45}");
        assertThat(top.ranking()).singleElement().satisfies(o -> {
            assertThat(o.tags()).containsEntry("host", "b");
            assertThat(o.kind()).isEqualTo(Observation.Kind.BREACH);
        });

        Evaluation hb = evaluate(0, "{\"metric\":\"cpu\",\"tags\":{\"host\":\"gone\"},\"aggregation\":\"max\","
                + "\"down_sample\":10}", "{}");
        assertThat(hb.observations()).extracting(Observation::kind).containsExactly(Observation.Kind.BREACH);
    }

    @Test
    void aRefusedQueryIsAStoreErrorWithTheServersMessage() {
        // a day at one-second buckets is more points per line than the server's query.max_points
        assertThatThrownBy(() -> remote.evaluate(RuleParser.parse(new RuleRow(1, "r", 1, 86_400, "", 1, "",
                "{\"metric\":\"cpu\",\"tags\":{\"host\":\"*\"},\"aggregation\":\"max\",\"down_sample\":1}", "{}",
                true)), base + 59, true))
                .isInstanceOf(StoreException.class).hasMessageContaining("code 9").hasMessageContaining("max_points");
    }
}
