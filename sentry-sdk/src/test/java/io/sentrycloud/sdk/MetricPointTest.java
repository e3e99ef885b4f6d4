package io.sentrycloud.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricPointTest {

    @Test
    void refusesWhatTheServerWouldRefuse() {
        assertThatThrownBy(() -> new MetricPoint("", Map.of(), 1, 1)).hasMessageContaining("metric name is empty");
        assertThatThrownBy(() -> new MetricPoint("m", Map.of("", "v"), 1, 1)).hasMessageContaining("tag key");
        assertThatThrownBy(() -> new MetricPoint("m", Map.of("k", ""), 1, 1)).hasMessageContaining("tag k");
        assertThatThrownBy(() -> new MetricPoint("m", Map.of(), -1, 1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new MetricPoint("m", Map.of(), 1, Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new MetricPoint("m", Map.of(), 1, Double.NEGATIVE_INFINITY))
                .hasMessageContaining("finite");
    }

    @Test
    void tagsAreCopiedSortedAndUnmodifiable() {
        Map<String, String> tags = new HashMap<>(Map.of("b", "2", "a", "1"));
        MetricPoint p = new MetricPoint("m", tags, 1, 1);
        tags.put("c", "3");
        assertThat(p.tags()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThatThrownBy(() -> p.tags().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void defaultTagsNeverOverrideThePointsOwn() {
        MetricPoint p = new MetricPoint("m", Map.of("host", "mine"), 1, 2);
        MetricPoint tagged = p.withDefaultTags(Map.of("host", "default", "ip", "10.0.0.1"));
        assertThat(tagged.tags()).containsEntry("host", "mine").containsEntry("ip", "10.0.0.1");
        assertThat(tagged.value()).isEqualTo(2);
        assertThat(p.withDefaultTags(Map.of("host", "x"))).isSameAs(p);
    }

    @Test
    void equalPointsAreEqual() {
        assertThat(new MetricPoint("m", Map.of("a", "1"), 5, 1.5))
                .isEqualTo(new MetricPoint("m", Map.of("a", "1"), 5, 1.5))
                .hasSameHashCodeAs(new MetricPoint("m", Map.of("a", "1"), 5, 1.5))
                .isNotEqualTo(new MetricPoint("m", Map.of("a", "1"), 5, 1.6));
    }
}
