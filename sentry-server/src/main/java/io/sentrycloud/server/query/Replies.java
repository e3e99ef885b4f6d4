package io.sentrycloud.server.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** The JSON answers of the query API, shaped as the original's. */
final class Replies {

    private Replies() {
    }

    /** A point of a line: {@code ts} in epoch seconds, {@code v} the value. */
    record Dp(long ts, double v) {
    }

    /** A line of a range answer. */
    record Curve(String metric, Map<String, String> tags, List<Dp> dps) {
    }

    /** One ranked entry of a topn answer: {@code name} is the ranked tag's value. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TopN(String metric, String name, Map<String, String> tags, double value) {
    }
}
