package io.sentrycloud.server.meta.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.http.ApiJson;
import io.sentrycloud.server.meta.dashboard.Chart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's {@code chart_layout}: a react-grid-layout list {@code [{"i": "<chart id>", "x", "y", "w", "h"}]}
 * as a string, built from and applied to the charts' own grid places.
 */
final class Layouts {

    private Layouts() {
    }

    static String render(List<Chart> charts) {
        List<Map<String, Object>> items = charts.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("w", c.grid().w());
            m.put("h", c.grid().h());
            m.put("x", c.grid().x());
            m.put("y", c.grid().y());
            m.put("i", Long.toString(c.id()));
            m.put("moved", false);
            m.put("static", false);
            return m;
        }).toList();
        return json(items);
    }

    /** The chart places a request's {@code chart_layout} (a list, or a string holding one) asks for. */
    static Map<Long, Chart.Grid> parse(Fields f) {
        JsonNode v = f.raw("chart_layout");
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return Map.of();
        }
        if (v.isTextual()) {
            try {
                v = ApiJson.MAPPER.readTree(v.asText());
            } catch (JsonProcessingException e) {
                throw Fields.invalid("chart_layout", "must be a JSON list of {i, x, y, w, h}: "
                        + e.getOriginalMessage());
            }
        }
        if (!v.isArray()) {
            throw Fields.invalid("chart_layout", "must be a JSON list of {i, x, y, w, h}");
        }
        Map<Long, Chart.Grid> out = new LinkedHashMap<>();
        for (int i = 0; i < v.size(); i++) {
            Fields item = Fields.of(v.get(i), "chart_layout[" + i + "]");
            JsonNode chartId = item.raw("i");
            long id;
            try {
                id = Long.parseLong(chartId == null ? "" : chartId.asText());
            } catch (NumberFormatException e) {
                throw Fields.invalid(item.name("i"), "must be a chart id");
            }
            Chart.Grid g = new Chart.Grid(item.integer("x", 0, 0, 11), item.integer("y", 0, 0, 100_000),
                    item.integer("w", 6, 1, 12), item.integer("h", 4, 1, 1000));
            out.put(id, g);
        }
        return out;
    }

    static String json(Object value) {
        try {
            return ApiJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
