package io.sentrycloud.agent.collect.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsTheExpositionFormat() {
        int[] errors = new int[1];
        List<PrometheusText.Sample> s = PrometheusText.parse("""
                # HELP node_load1 1m load average.
                # TYPE node_load1 gauge
                node_load1 0.42
                node_cpu_seconds_total{cpu="0",mode="idle"} 12345.5 1700000000000
                http_requests_total{code="200",path="/a \\"quoted\\"",empty=""} 7
                job:rate5m 3e-3
                http_latency_bucket{le="+Inf"} 10
                weird_nan NaN
                weird_inf +Inf
                bad{unclosed="x 1
                9starts_with_digit 1
                """, errors);
        assertThat(s).containsExactly(
                new PrometheusText.Sample("node_load1", Map.of(), 0.42),
                new PrometheusText.Sample("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"), 12345.5),
                new PrometheusText.Sample("http_requests_total", Map.of("code", "200", "path", "/a \"quoted\""), 7),
                new PrometheusText.Sample("job_rate5m", Map.of(), 0.003),
                new PrometheusText.Sample("http_latency_bucket", Map.of("le", "+Inf"), 10));
        assertThat(errors[0]).isEqualTo(2);
    }
}
