package io.sentrycloud.server.meta.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.meta.dashboard.Chart;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldsTest {

    static Fields f(String json) throws Exception {
        return Fields.of(MetaClient.JSON.readTree(json));
    }

    static String field(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) e.data();
            assertThat(e.getMessage()).startsWith(data.get("field") + ":");
            return (String) data.get("field");
        }
        throw new AssertionError("no refusal");
    }

    @Test
    void stringsNumbersAndBooleansAreCheckedByName() throws Exception {
        Fields x = f("{\"s\": \"abc\", \"n\": 5, \"b\": true, \"f\": 1.5, \"nul\": \"a\\u0000b\"}");
        assertThat(x.required("s", 3)).isEqualTo("abc");
        assertThat(field(() -> x.required("s", 2))).isEqualTo("s");
        assertThat(field(() -> x.required("missing", 2))).isEqualTo("missing");
        assertThat(x.text("missing", "d", 5)).isEqualTo("d");
        assertThat(x.number("n", null, 0, 10)).isEqualTo(5);
        assertThat(field(() -> x.number("n", null, 6, 10))).isEqualTo("n");
        assertThat(field(() -> x.number("f", null, 0, 10))).isEqualTo("f");
        assertThat(field(() -> x.number("s", null, 0, 10))).isEqualTo("s");
        assertThat(x.bool("b", false)).isTrue();
        assertThat(field(() -> x.bool("n", false))).isEqualTo("n");
        assertThat(field(() -> x.text("nul", "", 10))).isEqualTo("nul");
        assertThat(field(() -> x.only(Set.of("s")))).isIn("n", "b", "f", "nul");
    }

    @Test
    void jsonObjectsComeAsObjectsOrAsStringsHoldingOne() throws Exception {
        Fields x = f("{\"o\": {\"a\": 1}, \"s\": \"{\\\"a\\\": 1}\", \"arr\": [1], \"bad\": \"{x\"}");
        assertThat(x.objectText("o", null, 100)).isEqualTo("{\"a\":1}");
        assertThat(x.objectText("s", null, 100)).isEqualTo("{\"a\":1}");
        assertThat(field(() -> x.objectText("arr", null, 100))).isEqualTo("arr");
        assertThat(field(() -> x.objectText("bad", null, 100))).isEqualTo("bad");
        assertThat(field(() -> x.objectText("missing", null, 100))).isEqualTo("missing");
        assertThat(x.objectText("missing", "{}", 100)).isEqualTo("{}");
        assertThat(field(() -> x.objectText("o", null, 3))).isEqualTo("o");
    }

    @Test
    void nestedFieldsAreNamedWithTheirPath() throws Exception {
        JsonNode chart = MetaClient.JSON.readTree("""
                {"dashboard_id": 1, "name": "c", "lines": [{"metric": "ok"}, {"metric": "m", "tags": {"k": 5}}]}""");
        assertThat(field(() -> Bodies.chart(Fields.of(chart), null))).isEqualTo("lines[1].tags.k");
    }

    @Test
    void aChartGetsTheOriginalsDefaults() throws Exception {
        Chart c = Bodies.chart(f("{\"dashboard_id\": 3, \"name\": \"c\", \"down_sample\": 60,"
                + " \"lines\": [{\"metric\": \"sentry_sys_cpu_usage\"}]}"), null);
        assertThat(c.type()).isEqualTo("line");
        assertThat(c.aggregation()).isEqualTo("sum");
        assertThat(c.downSample()).isEqualTo("60s");
        assertThat(c.topnLimit()).isEqualTo(10);
        assertThat(c.grid()).isEqualTo(new Chart.Grid(0, 0, 6, 4));
        assertThat(c.options()).isEqualTo("{}");
        assertThat(c.lines().get(0).name()).isEqualTo("sentry_sys_cpu_usage");
        assertThatThrownBy(() -> Bodies.chart(f("{\"dashboard_id\": 3, \"name\": \"c\", \"lines\": []}"), null))
                .hasMessageStartingWith("lines:");
    }
}
