package io.sentrycloud.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micrometer meters pushed by {@link SentryMeterRegistry} into a real sentry_server and queried back. */
class SentryMeterRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    SentryServer server;

    @BeforeEach
    void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void countersGaugesTimersAndSummariesArriveUnderSnakeCaseNames() throws Exception {
        Map<String, String> props = Map.of("sentry.serverUrl", "http://127.0.0.1:" + server.port(),
                "sentry.step", "PT1S", "sentry.commonTags", "app=shop");
        SentryMeterRegistry registry = new SentryMeterRegistry(props::get, Clock.SYSTEM);
        AtomicInteger queue = new AtomicInteger(5);
        Gauge.builder("shop.queue.size", queue, AtomicInteger::get).register(registry);
        Counter orders = Counter.builder("shop.orders").tag("region", "eu").register(registry);
        Timer checkout = Timer.builder("shop.checkout").publishPercentiles(0.5, 0.99).register(registry);
        DistributionSummary size = DistributionSummary.builder("shop.cart.items").register(registry);
        long until = System.currentTimeMillis() + 2500; // spans at least two steps
        int n = 0;
        while (System.currentTimeMillis() < until) {
            orders.increment();
            checkout.record(Duration.ofMillis(10));
            size.record(3);
            n++;
            Thread.sleep(5);
        }
        registry.close(); // publishes the last step and closes the client
        assertThat(registry.client().stats().sent()).isPositive();

        assertThat(awaitSum("shop_orders", "{\"region\":\"eu\",\"app\":\"shop\"}", n)).isEqualTo(n);
        assertThat(sum("shop_checkout_count", "{}")).isEqualTo(n);
        assertThat(max("shop_checkout_p99")).isBetween(9.0, 12.0);
        assertThat(max("shop_queue_size")).isEqualTo(5);
        assertThat(sum("shop_cart_items_sum", "{}")).isEqualTo(3.0 * n);
    }

    @Test
    void percentileNames() {
        assertThat(SentryMeterRegistry.percentileName(0.5)).isEqualTo("50");
        assertThat(SentryMeterRegistry.percentileName(0.99)).isEqualTo("99");
        assertThat(SentryMeterRegistry.percentileName(0.999)).isEqualTo("999");
        assertThat(SentryMeterRegistry.parseTags("a=1, b=2")).containsEntry("a", "1").containsEntry("b", "2");
    }

    private double awaitSum(String metric, String tags, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        double s = sum(metric, tags);
        while (s < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            s = sum(metric, tags);
        }
        return s;
    }

    private double sum(String metric, String tags) throws Exception {
        double total = 0;
        for (JsonNode line : range(metric, tags, "sum")) {
            for (JsonNode dp : line.get("dps")) {
                total += dp.get("v").asDouble();
            }
        }
        return total;
    }

    private double max(String metric) throws Exception {
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode line : range(metric, "{}", "max")) {
            for (JsonNode dp : line.get("dps")) {
                max = Math.max(max, dp.get("v").asDouble());
            }
        }
        return max;
    }

    private JsonNode range(String metric, String tags, String aggregator) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/server/api/range")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"last\":600,\"aggregator\":\"" + aggregator + "\",\"down_sample\":1,\"metrics\":[{\"metric\":\""
                        + metric + "\",\"tags\":" + tags + "}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("data");
    }
}
