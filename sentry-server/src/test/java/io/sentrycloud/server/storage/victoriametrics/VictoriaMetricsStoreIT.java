package io.sentrycloud.server.storage.victoriametrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.LimitExceededException;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.StoreException;
import io.sentrycloud.tsdb.StoreStats;
import io.sentrycloud.tsdb.TagFilter;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The VictoriaMetrics store's edges against a real VictoriaMetrics: limits, auth, stats, an unreachable server. */
class VictoriaMetricsStoreIT {

    @Test
    void queryLimitsRefuseLikeTheEmbeddedStore() {
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start();
             VictoriaMetricsStore store = VictoriaMetricsStore.open(
                     VictoriaMetricsOptions.singleNode(vm.url()).withQueryLimits(3, 1000));
             VictoriaMetricsStore fewPoints = VictoriaMetricsStore.open(
                     VictoriaMetricsOptions.singleNode(vm.url()).withQueryLimits(3, 50))) {
            long t = System.currentTimeMillis() - 60_000;
            List<Point> points = new ArrayList<>();
            for (int h = 0; h < 5; h++) {
                for (int i = 0; i < 20; i++) {
                    points.add(Point.of("load", Map.of("host", "h" + h), t + i * 1000L, i));
                }
            }
            store.write(points);
            vm.flush();
            assertThatThrownBy(() -> store.query(new Query("load", List.of(), t, t + 60_000, 0, Aggregation.SUM,
                    List.of()))).isInstanceOf(LimitExceededException.class).hasMessageContaining("more than 3 series");
            assertThatThrownBy(() -> fewPoints.query(new Query("load", List.of(TagFilter.parse("host",
                    "h1||h2||h3")), t, t + 60_000, 0, Aggregation.SUM, List.of())))
                    .isInstanceOf(LimitExceededException.class).hasMessageContaining("limit of 50");
            assertThat(fewPoints.query(new Query("load", List.of(TagFilter.parse("host", "h1||h2")), t, t + 60_000,
                    0, Aggregation.COUNT, List.of()))).singleElement()
                    .satisfies(r -> assertThat(r.points()).hasSize(20).allMatch(p -> p.value() == 2));
            StoreStats stats = store.stats();
            assertThat(stats.seriesCount()).isEqualTo(5);
            assertThat(stats.pointCount()).isEqualTo(100);
            assertThat(stats.diskBytes()).isPositive();
        }
    }

    @Test
    void theAuthHeaderIsSentWithEveryRequest() {
        try (VictoriaMetricsServer vm = VictoriaMetricsServer.start("sentry", "s3cret")) {
            VictoriaMetricsOptions plain = VictoriaMetricsOptions.singleNode(vm.url()).withWriting(100, 1000, 1, 0);
            try (VictoriaMetricsStore store = VictoriaMetricsStore.open(plain)) {
                assertThatThrownBy(() -> store.write(List.of(Point.of("up", Map.of("host", "a"),
                        System.currentTimeMillis(), 1)))).isInstanceOf(StoreException.class).hasMessageContaining("401");
            }
            VictoriaMetricsOptions authed = new VictoriaMetricsOptions(plain.writeUrl(), plain.readUrl(),
                    plain.metricsUrl(), new VictoriaMetricsOptions.Header("Authorization", vm.authorization()),
                    plain.connectTimeout(), plain.requestTimeout(), 100, 1000, 1, 0, 10, 1000);
            try (VictoriaMetricsStore store = VictoriaMetricsStore.open(authed)) {
                long t = System.currentTimeMillis();
                store.write(List.of(Point.of("up", Map.of("host", "a"), t, 1)));
                vm.flush();
                assertThat(store.metrics("", 10)).containsExactly("up");
                assertThat(store.query(new Query("up", List.of(), t, t, 0, Aggregation.LAST, List.of())))
                        .singleElement().satisfies(r -> assertThat(r.points()).hasSize(1));
            }
        }
    }

    @Test
    void anUnreachableServerFailsTheWriteAfterItsRetries() throws IOException {
        int port = VictoriaMetricsServer.freePort();
        VictoriaMetricsOptions o = VictoriaMetricsOptions.singleNode("http://127.0.0.1:" + port);
        VictoriaMetricsOptions quick = new VictoriaMetricsOptions(o.writeUrl(), o.readUrl(), null, null,
                Duration.ofMillis(200), Duration.ofSeconds(2), 100, 1000, 1, 2, 10, 1000);
        try (VictoriaMetricsStore store = VictoriaMetricsStore.open(quick)) {
            assertThatThrownBy(() -> store.write(List.of(Point.of("up", Map.of("host", "a"),
                    System.currentTimeMillis(), 1)))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("after 3 attempts").hasMessageContaining(URI.create("http://127.0.0.1:"
                            + port).toString());
            assertThat(store.importedPoints()).isZero();
            assertThatThrownBy(() -> store.metrics("", 10)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("did not answer");
        }
    }
}
