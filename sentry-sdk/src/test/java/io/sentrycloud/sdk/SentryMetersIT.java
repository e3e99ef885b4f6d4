package io.sentrycloud.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.sdk.meter.Counter;
import io.sentrycloud.sdk.meter.SentryMeters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Meters published through a real client to a real HTTP server. */
class SentryMetersIT {

    private static final Pattern POINT = Pattern.compile(
            "\\{\"metric\":\"([^\"]+)\",\"tags\":\\{([^}]*)},\"timestamp\":(\\d+),\"value\":([-0-9.eE+]+)}");

    @Test
    void eightThreadsTimesAMillionIncrementsAddUpExactly() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url()).build()) {
            SentryMeters meters = new SentryMeters(client, Duration.ofSeconds(1));
            Counter counter = meters.counter("sdk_increments", Map.of("test", "threads"));
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 1_000_000; i++) {
                        counter.increment();
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            meters.close();
            assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
            double total = 0;
            List<Long> timestamps = new ArrayList<>();
            for (String body : server.bodies()) {
                Matcher m = POINT.matcher(body);
                while (m.find()) {
                    if (m.group(1).equals("sdk_increments")) {
                        total += Double.parseDouble(m.group(4));
                        timestamps.add(Long.parseLong(m.group(3)));
                    }
                }
            }
            assertThat(total).isEqualTo(8_000_000.0);
            // one point per step, each on its own second: none would overwrite another on the server
            assertThat(timestamps).doesNotHaveDuplicates();
        }
    }

    @Test
    void gaugesTimersAndSummariesBecomePoints() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url()).build()) {
            SentryMeters meters = new SentryMeters(client, Duration.ofSeconds(60));
            AtomicInteger queue = new AtomicInteger(7);
            meters.gauge("sdk_queue", Map.of(), queue::get);
            meters.gauge("sdk_broken", Map.of(), () -> {
                throw new IllegalStateException("boom");
            });
            for (int i = 1; i <= 100; i++) {
                meters.timer("sdk_latency", Map.of("api", "a")).record(Duration.ofMillis(i));
            }
            meters.summary("sdk_size", Map.of()).record(3);
            meters.close();
            assertThat(client.flush(Duration.ofSeconds(20))).isTrue();
            String all = String.join("", server.bodies());
            assertThat(all).contains("{\"metric\":\"sdk_queue\",\"tags\":{},").contains("\"value\":7}");
            assertThat(all).doesNotContain("sdk_broken");
            assertThat(all).contains("\"metric\":\"sdk_latency_count\",\"tags\":{\"api\":\"a\"}");
            assertThat(value(all, "sdk_latency_count")).isEqualTo(100);
            assertThat(value(all, "sdk_latency_p50")).isEqualTo(50);
            assertThat(value(all, "sdk_latency_p99")).isEqualTo(99);
            assertThat(value(all, "sdk_latency_max")).isEqualTo(100);
            assertThat(value(all, "sdk_size_sum")).isEqualTo(3);
        }
    }

    private static double value(String bodies, String metric) {
        Matcher m = POINT.matcher(bodies);
        while (m.find()) {
            if (m.group(1).equals(metric)) {
                return Double.parseDouble(m.group(4));
            }
        }
        throw new AssertionError(metric + " not sent");
    }
}
