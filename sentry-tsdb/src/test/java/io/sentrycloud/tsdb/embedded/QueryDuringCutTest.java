package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.Query;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries running while the head is cut into blocks: a cut publishes its blocks and then releases the points from
 * the head, and no query may see neither (nor both twice).
 */
class QueryDuringCutTest {

    static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyQueryDuringACutCountsEveryPointOnce() {
        EmbeddedOptions options = EmbeddedOptions.defaults(dir)
                .withClock(Clock.fixed(Instant.ofEpochMilli(START + 30 * 86_400_000L), ZoneOffset.UTC));
        try (EmbeddedStore store = EmbeddedStore.open(options)) {
            long written = 0;
            long t = START;
            for (int round = 0; round < 8; round++) {
                List<Point> batch = new ArrayList<>();
                for (int i = 0; i < 3_000; i++, t += 1_000) {
                    for (int h = 0; h < 20; h++) {
                        batch.add(Point.of("m", Map.of("host", "h" + h), t, 1));
                    }
                }
                store.write(batch);
                written += batch.size();
                Query q = new Query("m", List.of(), START, t, 0, Aggregation.COUNT, List.of());
                CompletableFuture<Void> cut = CompletableFuture.runAsync(store::flush);
                int queries = 0;
                while (!cut.isDone() || queries == 0) {
                    long counted = store.query(q).get(0).points().stream().mapToLong(p -> (long) p.value()).sum();
                    assertThat(counted).as("round %d, query %d", round, queries).isEqualTo(written);
                    queries++;
                }
                cut.join();
                assertThat(store.blocks()).isNotEmpty();
            }
        }
    }
}
