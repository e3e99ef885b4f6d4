package io.sentrycloud.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest in the original's shape, then every query API, against a real server and a real store. */
class ServerEndToEndIT {

    @TempDir
    Path data;

    SentryServer server;
    ServerClient client;
    /** A minute boundary ten minutes ago: buckets [base, base+60) and [base+60, base+120). */
    final long base = System.currentTimeMillis() / 1000 / 60 * 60 - 600;

    @BeforeEach
    void start() {
        server = SentryServer.start(config());
        client = new ServerClient(server.port());
        String points = """
                [{"metric":"test_cpu","tags":{"host":"a","dc":"eu"},"timestamp":%d,"value":1},
                 {"metric":"test_cpu","tags":{"host":"a","dc":"eu"},"timestamp":%d,"value":2},
                 {"metric":"test_cpu","tags":{"host":"a","dc":"eu"},"timestamp":%d,"value":3},
                 {"metric":"test_cpu","tags":{"host":"a","dc":"eu"},"timestamp":%d,"value":10},
                 {"metric":"test_cpu","tags":{"host":"b"},"timestamp":%d,"value":4},
                 {"metric":"test_cpu","tags":{"host":"b"},"timestamp":%d,"value":20}]"""
                .formatted(base, base + 10, (base + 20) * 1000, base + 70, base + 5, base + 65);
        ServerClient.Answer put = client.post("/server/api/putMetrics", points);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().toString()).isEqualTo("{\"code\":0,\"msg\":\"ok\",\"data\":{\"accepted\":6,"
                + "\"rejected\":0}}");
        ingested();
    }

    /** Called once the points are accepted; a store that makes them searchable later flushes here. */
    void ingested() {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The server under test; subclasses run the same tests on another store. */
    ServerConfig config() {
        return ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false");
    }

    @Test
    void everyAggregationOverTheDownsampledBuckets() {
        assertThat(values(range("sum", "{}"))).containsExactly(List.of(10.0, 30.0));
        assertThat(values(range("avg", "{}"))).containsExactly(List.of(2.5, 15.0));
        assertThat(values(range("max", "{}"))).containsExactly(List.of(4.0, 20.0));
        assertThat(values(range("min", "{}"))).containsExactly(List.of(1.0, 10.0));
        assertThat(values(range("count", "{}"))).containsExactly(List.of(4.0, 2.0));

        JsonNode line = range("sum", "{}").data().get(0);
        assertThat(line.get("metric").asText()).isEqualTo("test_cpu");
        assertThat(line.get("tags").size()).isZero();
        assertThat(line.get("dps").get(0).get("ts").asLong()).isEqualTo(base); // seconds on the wire
        assertThat(line.get("dps").get(1).get("ts").asLong()).isEqualTo(base + 60);
    }

    @Test
    void tagFiltersOfTheOriginal() {
        assertThat(values(range("sum", "{\"host\":\"a\"}"))).containsExactly(List.of(6.0, 10.0));
        assertThat(values(range("sum", "{\"host\":\"a||b\"}"))).containsExactly(List.of(10.0, 30.0));
        // not-equal: series without the dc tag (host b) pass
        assertThat(values(range("sum", "{\"!=dc\":\"eu\"}"))).containsExactly(List.of(4.0, 20.0));
        ServerClient.Answer none = range("sum", "{\"host\":\"zzz\"}");
        assertThat(none.data().get(0).get("tags").get("host").asText()).isEqualTo("zzz");
        assertThat(none.data().get(0).get("dps").size()).isZero();
    }

    @Test
    void starAndGroupByGiveOneLinePerValue() {
        ServerClient.Answer star = range("sum", "{\"host\":\"*\"}");
        assertThat(star.data()).hasSize(2);
        assertThat(star.data().get(0).get("tags").toString()).isEqualTo("{\"host\":\"a\"}");
        assertThat(star.data().get(1).get("tags").toString()).isEqualTo("{\"host\":\"b\"}");
        assertThat(values(star)).containsExactly(List.of(6.0, 10.0), List.of(4.0, 20.0));

        ServerClient.Answer grouped = client.post("/server/api/range", """
                {"start":%d,"end":%d,"aggregator":"max","down_sample":"1m",
                 "metrics":[{"metric":"test_cpu","tags":{},"group_by":["host"]}]}""".formatted(base, base + 120));
        assertThat(values(grouped)).containsExactly(List.of(3.0, 10.0), List.of(4.0, 20.0));
    }

    @Test
    void listingApis() {
        assertThat(client.post("/server/api/metrics", "{\"metric\":\"test_\"}").data().toString())
                .isEqualTo("[\"test_cpu\"]");
        assertThat(client.post("/server/api/tagKeys", "{\"metric\":\"test_cpu\"}").data().toString())
                .isEqualTo("[\"dc\",\"host\",\"sentryIP\"]");
        assertThat(client.post("/server/api/tagValues", "{\"metric\":\"test_cpu\",\"tags\":{\"host\":\"*\"}}")
                .data().toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(client.post("/server/api/tagValues",
                "{\"metric\":\"test_cpu\",\"tags\":{\"host\":\"*\",\"dc\":\"eu\"}}").data().toString())
                .isEqualTo("[\"a\"]");
        assertThat(client.post("/server/api/tagValues", "{\"metric\":\"test_cpu\",\"tags\":{\"sentryIP\":\"127*\"}}")
                .data().toString()).isEqualTo("[\"127.0.0.1\"]");
        assertThat(client.post("/server/api/curves", "{\"metric\":\"test_cpu\",\"tags\":{\"host\":\"*\"}}")
                .data().toString()).isEqualTo("[{\"host\":\"a\"},{\"host\":\"b\"}]");
        ServerClient.Answer noStar = client.post("/server/api/tagValues", "{\"metric\":\"test_cpu\",\"tags\":{}}");
        assertThat(noStar.status()).isEqualTo(400);
        assertThat(noStar.code()).isEqualTo(8);
    }

    @Test
    void topNRanksTheStarTag() {
        ServerClient.Answer top = client.post("/server/api/topn", """
                {"start":%d,"end":%d,"aggregator":"sum","limit":1,"order":"desc",
                 "metric":"test_cpu","tags":{"host":"*"}}""".formatted(base, base + 120));
        assertThat(top.status()).isEqualTo(200);
        assertThat(top.data().toString())
                .isEqualTo("[{\"metric\":\"test_cpu\",\"name\":\"b\",\"tags\":{\"host\":\"b\"},\"value\":24.0}]");
    }

    @Test
    void restartOnTheSameDataDirectoryGivesTheSameAnswer() {
        String before = range("avg", "{\"host\":\"*\"}").data().toString();
        server.close();
        server = SentryServer.start(config());
        client = new ServerClient(server.port());
        assertThat(range("avg", "{\"host\":\"*\"}").data().toString()).isEqualTo(before);
        assertThat(before).contains("\"v\":2.0").contains("\"v\":20.0");
    }

    @Test
    void queryRefusalsCarryTheOriginalsCodes() {
        ServerClient.Answer agg = range("median", "{}");
        assertThat(agg.status()).isEqualTo(400);
        assertThat(agg.code()).isEqualTo(10);
        assertThat(agg.msg()).contains("unknown aggregation 'median'");
        ServerClient.Answer tooLong = client.post("/server/api/range",
                "{\"last\":99999999,\"aggregator\":\"sum\",\"down_sample\":60,\"metrics\":[{\"metric\":\"test_cpu\"}]}");
        assertThat(tooLong.code()).isEqualTo(9);
        ServerClient.Answer badDs = client.post("/server/api/range",
                "{\"last\":60,\"aggregator\":\"sum\",\"down_sample\":\"1w\",\"metrics\":[{\"metric\":\"test_cpu\"}]}");
        assertThat(badDs.code()).isEqualTo(11);
        ServerClient.Answer noMetric = client.post("/server/api/tagKeys", "{}");
        assertThat(noMetric.code()).isEqualTo(12);
        ServerClient.Answer typo = client.post("/server/api/range",
                "{\"last\":60,\"aggregator\":\"sum\",\"down_sampel\":60,\"metrics\":[{\"metric\":\"test_cpu\"}]}");
        assertThat(typo.code()).isEqualTo(3);
        assertThat(typo.msg()).contains("unknown field 'down_sampel'");
    }

    private ServerClient.Answer range(String aggregator, String tags) {
        return client.post("/server/api/range", """
                {"start":%d,"end":%d,"aggregator":"%s","down_sample":60,
                 "metrics":[{"metric":"test_cpu","tags":%s}]}""".formatted(base, base + 120, aggregator, tags));
    }

    private static List<List<Double>> values(ServerClient.Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<List<Double>> lines = new ArrayList<>();
        for (JsonNode line : answer.data()) {
            List<Double> vs = new ArrayList<>();
            line.get("dps").forEach(dp -> vs.add(dp.get("v").asDouble()));
            lines.add(vs);
        }
        return lines;
    }
}
