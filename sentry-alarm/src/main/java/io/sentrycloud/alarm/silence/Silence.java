package io.sentrycloud.alarm.silence;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Holds back the notifications of alerts whose labels pass every matcher, from {@code start} until {@code end}.
 *
 * @param id       the silence's id
 * @param matchers conditions that must all hold (at least one)
 * @param start    epoch seconds, inclusive
 * @param end      epoch seconds, exclusive
 * @param author   who made it
 * @param comment  why
 */
public record Silence(long id, List<Matcher> matchers, long start, long end, String author, String comment) {

    public Silence {
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        if (end <= start) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        author = Objects.requireNonNullElse(author, "");
        comment = Objects.requireNonNullElse(comment, "");
    }

    public boolean activeAt(long epochSeconds) {
        return start <= epochSeconds && epochSeconds < end;
    }

    public boolean mutes(Map<String, String> labels, long epochSeconds) {
        return activeAt(epochSeconds) && matchers.stream().allMatch(m -> m.matches(labels));
    }
}
