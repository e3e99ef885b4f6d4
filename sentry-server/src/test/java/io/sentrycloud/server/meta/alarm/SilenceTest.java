package io.sentrycloud.server.meta.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SilenceTest {

    @Test
    void mutesMatchingAlertsOfItsRuleInItsWindowOnly() {
        Silence s = new Silence(1, 7L, Map.of("ip", "10.0.0.1"), 1000, 2000, "maintenance", "ed", 1, 0, 0);
        Map<String, String> tags = Map.of("ip", "10.0.0.1", "dc", "eu");
        assertThat(s.mutes(7, tags, 1000)).isTrue();
        assertThat(s.mutes(7, tags, 1999)).isTrue();
        assertThat(s.mutes(7, tags, 2000)).as("ends is exclusive").isFalse();
        assertThat(s.mutes(7, tags, 999)).isFalse();
        assertThat(s.mutes(8, tags, 1500)).as("another rule").isFalse();
        assertThat(s.mutes(7, Map.of("ip", "10.0.0.2"), 1500)).isFalse();
        assertThat(s.mutes(7, Map.of(), 1500)).isFalse();
    }

    @Test
    void withoutRuleOrMatchersItMutesEverythingInItsWindow() {
        Silence all = new Silence(1, null, Map.of(), 0, 10, "", "", 1, 0, 0);
        assertThat(all.mutes(42, Map.of("any", "thing"), 5)).isTrue();
    }
}
