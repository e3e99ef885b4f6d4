package io.sentrycloud.alarm.silence;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A silence that comes back: on the given days, from {@code start} (local time in {@code zone}) for
 * {@code duration}, alerts passing the matchers are not notified (e.g. the Sunday 02:00–04:00 backup window).
 *
 * @param id       the window's id
 * @param name     what it is for
 * @param matchers conditions that must all hold; empty means every alert
 * @param days     the days it starts on
 * @param start    local start time
 * @param duration how long it lasts (may run past midnight)
 * @param zone     the time zone of {@code start}
 */
public record MaintenanceWindow(long id, String name, List<Matcher> matchers, Set<DayOfWeek> days, LocalTime start,
                                Duration duration, ZoneId zone) {

    public MaintenanceWindow {
        matchers = List.copyOf(matchers);
        days = Set.copyOf(days);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(zone, "zone");
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("a maintenance window lasts more than 0 and at most 7 days");
        }
    }

    public boolean activeAt(long epochSeconds) {
        ZonedDateTime t = Instant.ofEpochSecond(epochSeconds).atZone(zone);
        // a window that started up to 7 days ago may still be open
        for (int back = 0; back <= 7; back++) {
            ZonedDateTime day = t.minusDays(back);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime open = day.toLocalDate().atTime(start).atZone(zone);
            if (!t.isBefore(open) && t.isBefore(open.plus(duration))) {
                return true;
            }
        }
        return false;
    }

    public boolean mutes(Map<String, String> labels, long epochSeconds) {
        return activeAt(epochSeconds) && matchers.stream().allMatch(m -> m.matches(labels));
    }
}
