package io.sentrycloud.server.query;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The JSON request bodies of the query API, field names as the original's ({@code pkg/protocol/http.go}). */
final class Requests {

    private Requests() {
    }

    /**
     * {@code {"metric","tags"}} of metrics, tagKeys, tagValues and curves; {@code group_by} only in range lines.
     * The original's {@code filters} and {@code token} fields are accepted and ignored (it ignored them too).
     */
    @JsonIgnoreProperties({"filters", "token"})
    record MetricRequest(String metric, Map<String, String> tags,
                         @JsonProperty("group_by") List<String> groupBy) {
    }

    /** {@code /server/api/range}. */
    @JsonIgnoreProperties({"token"})
    record RangeRequest(Long start, Long end, Long last, String aggregator,
                        @JsonProperty("down_sample") JsonNode downSample, List<MetricRequest> metrics) {
    }

    /** {@code /server/api/topn}. */
    @JsonIgnoreProperties({"filters", "token", "field"})
    record TopNRequest(Long start, Long end, Long last, String aggregator,
                       @JsonProperty("down_sample") JsonNode downSample, Integer limit, String order, String metric,
                       Map<String, String> tags) {
    }
}
