package io.sentrycloud.tsdb.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.tsdb.Point;
import io.sentrycloud.tsdb.SeriesKey;
import io.sentrycloud.tsdb.TagFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index answers a not-equal filter like {@link TagFilter#matches}: series lacking the tag pass. */
class NotEqualFilterTest {

    @TempDir
    Path dir;

    @Test
    void notEqualKeepsSeriesWithoutTheTag() {
        long t = System.currentTimeMillis();
        try (EmbeddedStore store = EmbeddedStore.open(EmbeddedOptions.defaults(dir))) {
            store.write(List.of(Point.of("m", Map.of("host", "a"), t, 1), Point.of("m", Map.of("host", "b"), t, 2),
                    Point.of("m", Map.of("dc", "eu"), t, 3)));
            assertThat(store.series("m", List.of(TagFilter.notEqual("host", List.of("a"))), 10))
                    .containsExactly(SeriesKey.of("m", Map.of("dc", "eu")), SeriesKey.of("m", Map.of("host", "b")));
            assertThat(store.series("m", List.of(TagFilter.notEqual("host", List.of("a", "b"))), 10))
                    .containsExactly(SeriesKey.of("m", Map.of("dc", "eu")));
            assertThat(store.series("m", List.of(TagFilter.notEqual("zone", List.of("x"))), 10)).hasSize(3);
        }
    }
}
