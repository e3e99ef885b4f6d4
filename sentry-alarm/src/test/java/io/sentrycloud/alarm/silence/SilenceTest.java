package io.sentrycloud.alarm.silence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SilenceTest {

    @Test
    void matchersAsAlertmanagerWritesThem() {
        Map<String, String> labels = Map.of("rule", "disk full", "host", "db-1", "severity", "critical");
        assertThat(Matcher.parse("rule=disk full").matches(labels)).isTrue();
        assertThat(Matcher.parse("host=~db-.*").matches(labels)).isTrue();
        assertThat(Matcher.parse("host!~web.*").matches(labels)).isTrue();
        assertThat(Matcher.parse("severity!=critical").matches(labels)).isFalse();
        assertThat(Matcher.parse("zone=").matches(labels)).isTrue(); // a missing label is ""
        assertThatThrownBy(() -> Matcher.parse("host=~(")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Matcher.parse("just text")).hasMessageContaining("name=value");
    }

    @Test
    void silenceHoldsWhileActiveAndAllMatchersPass() {
        Silence s = new Silence(1, List.of(Matcher.parse("host=db-1"), Matcher.parse("rule=~disk.*")), 100, 200,
                "eric", "disk swap");
        assertThat(s.mutes(Map.of("host", "db-1", "rule", "disk full"), 150)).isTrue();
        assertThat(s.mutes(Map.of("host", "db-1", "rule", "disk full"), 200)).isFalse();
        assertThat(s.mutes(Map.of("host", "db-2", "rule", "disk full"), 150)).isFalse();
        assertThatThrownBy(() -> new Silence(2, List.of(), 1, 2, "", "")).hasMessageContaining("matcher");
        assertThatThrownBy(() -> new Silence(2, List.of(Matcher.parse("a=b")), 2, 2, "", ""))
                .hasMessageContaining("end after");
    }

    @Test
    void maintenanceWindowRecursWeeklyAcrossMidnight() {
        var w = new MaintenanceWindow(1, "backup", List.of(), Set.of(DayOfWeek.SUNDAY), LocalTime.of(23, 0),
                Duration.ofHours(3), ZoneOffset.UTC);
        long sunday2330 = ZonedDateTime.of(2026, 11, 22, 23, 30, 0, 0, ZoneOffset.UTC).toEpochSecond();
        assertThat(w.mutes(Map.of(), sunday2330)).isTrue();
        assertThat(w.mutes(Map.of(), sunday2330 + 7200)).isTrue(); // Monday 01:30
        assertThat(w.mutes(Map.of(), sunday2330 + 3 * 3600)).isFalse(); // Monday 02:30
        assertThat(w.mutes(Map.of(), sunday2330 - 86_400)).isFalse(); // Saturday
    }
}
