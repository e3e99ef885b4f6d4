package io.sentrycloud.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time window of a range query, in epoch milliseconds: {@code [start, end)} with {@code start} aligned down to
 * the downsample (as the original aligns it), and the downsample in milliseconds (0 = raw points).
 *
 * @param startMillis  inclusive start
 * @param endMillis    inclusive end (the request's end second, exclusive, minus one millisecond)
 * @param downsampleMillis bucket width, 0 for raw timestamps
 */
public record TimeWindow(long startMillis, long endMillis, long downsampleMillis) {

    private static final Pattern DOWN_SAMPLE = Pattern.compile("(\\d+)\\s*([smhd]?)");
    private static final long MILLIS_FROM = 100_000_000_000L;

    /**
     * Resolves {@code last} (seconds back from now) or {@code start}/{@code end} (epoch seconds; milliseconds
     * accepted when at least 1e11; a missing end means now) and checks the bounds. A window ending now includes
     * the current second.
     *
     * @throws ApiException code 9 when the range or the points per line pass the limits, code 11 for a bad
     *                      down_sample, code 4 for missing or inverted times
     */
    public static TimeWindow resolve(Long start, Long end, Long last, JsonNode downSample, int maxRangeDays,
                                     int maxPoints, Clock clock) {
        long now = clock.millis() / 1000;
        long from;
        long to;
        if (last != null && last != 0) {
            if (last < 0) {
                throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "last must be a positive number of "
                        + "seconds, got " + last);
            }
            // "up to now" includes the current second: a sample written this second is visible at once
            to = now + 1;
            from = now - last;
        } else {
            if (start == null || start == 0) {
                throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "give either 'last' (seconds back from"
                        + " now) or 'start' (and optionally 'end'), in epoch seconds");
            }
            from = seconds(start);
            to = end == null || end == 0 ? now + 1 : seconds(end);
            if (from > to) { // the original swaps an inverted range
                long t = from;
                from = to;
                to = t;
            }
            if (from == to) {
                throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "start and end are both " + from
                        + "; the range [start, end) is empty");
            }
        }
        long maxRange = maxRangeDays * 86_400L;
        if (to - from > maxRange) {
            throw ApiException.badRequest(ApiCode.RANGE_TOO_LARGE, "the range of " + (to - from) + " s is longer "
                    + "than the " + maxRangeDays + " days allowed (query.max_range_days)");
        }
        long ds = downSampleSeconds(downSample, maxRange);
        if (ds > 0) {
            from = Math.floorDiv(from, ds) * ds;
            long points = (to - from + ds - 1) / ds;
            if (points > maxPoints) {
                long needed = (to - from + maxPoints - 1) / maxPoints;
                throw ApiException.badRequest(ApiCode.RANGE_TOO_LARGE, "the range would give " + points
                        + " points per line at down_sample " + ds + " s, more than the " + maxPoints
                        + " allowed (query.max_points); use a down_sample of at least " + needed + " s");
            }
        }
        return new TimeWindow(from * 1000, to * 1000 - 1, ds * 1000);
    }

    /** {@code down_sample}: seconds as a number, or a string {@code 10}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    static long downSampleSeconds(JsonNode node, long maxSeconds) {
        if (node == null || node.isNull()) {
            return 0;
        }
        long seconds;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            seconds = node.asLong();
        } else if (node.isTextual()) {
            Matcher m = DOWN_SAMPLE.matcher(node.asText().trim().toLowerCase(Locale.ROOT));
            if (!m.matches() || m.group(1).length() > 9) {
                throw badDownSample(node);
            }
            long unit = switch (m.group(2)) {
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86_400;
                default -> 1;
            };
            seconds = Long.parseLong(m.group(1)) * unit;
        } else {
            throw badDownSample(node);
        }
        if (seconds < 0 || seconds > maxSeconds) {
            throw ApiException.badRequest(ApiCode.DOWN_SAMPLE, "down_sample " + node + " must be between 0 (raw "
                    + "points) and the longest range, " + maxSeconds + " s");
        }
        return seconds;
    }

    private static ApiException badDownSample(JsonNode node) {
        return ApiException.badRequest(ApiCode.DOWN_SAMPLE, "down_sample " + node + " is not a duration; use "
                + "seconds (60) or a string such as \"10s\", \"5m\", \"1h\", \"1d\"");
    }

    private static long seconds(long t) {
        if (t < 0) {
            throw ApiException.badRequest(ApiCode.INVALID_PARAMETER, "time " + t + " is negative");
        }
        return t >= MILLIS_FROM ? t / 1000 : t;
    }
}
