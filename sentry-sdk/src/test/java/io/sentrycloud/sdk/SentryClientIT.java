package io.sentrycloud.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SentryClient} against a real HTTP server on 127.0.0.1. */
class SentryClientIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path spoolDir;

    private static MetricPoint point(int i) {
        return new MetricPoint("sdk_test", Map.of("app", "it"), 1700000000L + i, i);
    }

    private static List<Double> upTo(int n) {
        return IntStream.range(0, n).mapToObj(i -> (double) i).collect(Collectors.toList());
    }

    @Test
    void deliversBatchedGzipJsonInTheOriginalShape() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url()).batchSize(100)
                     .defaultTag("host", "h1").build()) {
            for (int i = 0; i < 250; i++) {
                assertThat(client.send(point(i))).isTrue();
            }
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(server.values()).isEqualTo(upTo(250));
            assertThat(server.bodies()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(server.encodings()).containsOnly("gzip");
            assertThat(server.bodies().get(0)).startsWith("[{\"metric\":\"sdk_test\",\"tags\":{\"app\":\"it\","
                    + "\"host\":\"h1\"},\"timestamp\":1700000000,\"value\":0},");
            assertThat(client.stats().sent()).isEqualTo(250);
            assertThat(client.stats().dropped()).isZero();
        }
    }

    @Test
    void plainBodiesWhenGzipIsOffAndFullIngestUrlsAreKept() throws Exception {
        try (Receiver agent = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(agent.url() + "/agent/api/putMetrics")
                     .gzip(false).build()) {
            assertThat(client.endpoints().get(0).getPath()).isEqualTo("/agent/api/putMetrics");
            client.send(point(7));
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(agent.encodings()).containsExactly("");
            assertThat(agent.values()).containsExactly(7.0);
        }
    }

    @Test
    void serverDownThenUpEveryPointArrivesInOrder() throws Exception {
        Receiver server = new Receiver();
        server.stop();
        try (SentryClient client = SentryClient.builder().serverUrl(server.url()).batchSize(50)
                .flushInterval(Duration.ofMillis(50)).backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .spoolDir(spoolDir).build()) {
            for (int i = 0; i < 1000; i++) {
                client.send(point(i));
            }
            assertThat(client.flush(Duration.ofMillis(500))).isFalse();
            for (int i = 1000; i < 2000; i++) {
                client.send(point(i));
            }
            // everything is now either spooled on disk or still queued; nothing was dropped
            DeliveryStats down = client.stats();
            assertThat(down.sent()).isZero();
            assertThat(down.failedAttempts()).isPositive();
            assertThat(down.dropped()).isZero();
            try (Stream<Path> files = Files.list(spoolDir)) {
                assertThat(files.count()).isPositive();
            }

            server.start();
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(server.values()).isEqualTo(upTo(2000));
            assertThat(client.stats().sent()).isEqualTo(2000);
            assertThat(client.stats().spooled()).isZero();
        } finally {
            server.stop();
        }
    }

    @Test
    void aDiskSpoolLeftByAClosedClientIsSentByTheNextOne() throws Exception {
        Receiver server = new Receiver();
        server.stop();
        try (SentryClient first = SentryClient.builder().serverUrl(server.url()).spoolDir(spoolDir)
                .closeTimeout(Duration.ofMillis(300)).build()) {
            for (int i = 0; i < 300; i++) {
                first.send(point(i));
            }
        }
        server.start();
        try (SentryClient second = SentryClient.builder().serverUrl(server.url()).spoolDir(spoolDir).build()) {
            assertThat(second.stats().spooled()).isEqualTo(300);
            second.send(point(300));
            assertThat(second.flush(WAIT)).isTrue();
            assertThat(server.values()).isEqualTo(upTo(301));
        } finally {
            server.stop();
        }
    }

    @Test
    void failsOverToTheNextServerAndStaysThere() throws Exception {
        int deadPort = Receiver.freePort();
        try (Receiver live = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl("http://127.0.0.1:" + deadPort)
                     .serverUrl(live.url()).build()) {
            for (int i = 0; i < 10; i++) {
                client.send(point(i));
                assertThat(client.flush(WAIT)).isTrue();
            }
            assertThat(live.values()).isEqualTo(upTo(10));
            assertThat(client.stats().failedAttempts()).isZero();
        }
    }

    @Test
    void aRefusedBatchIsCountedAndNotRetried() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url()).build()) {
            server.answer(400);
            client.send(point(1));
            client.send(point(2));
            assertThat(client.flush(WAIT)).isTrue();
            server.answer(200);
            client.send(point(3));
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(server.values()).containsExactly(3.0);
            assertThat(client.stats().rejected()).isEqualTo(2);
            assertThat(client.stats().sent()).isEqualTo(1);
        }
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url())
                     .backoff(Duration.ofMillis(50), Duration.ofMillis(100)).build()) {
            server.answer(503);
            client.send(point(1));
            assertThat(client.flush(Duration.ofMillis(300))).isFalse();
            server.answer(200);
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(server.values()).containsExactly(1.0);
            assertThat(client.stats().failedAttempts()).isPositive();
        }
    }

    @Test
    void aSlowServerNeverBlocksTheCallerAndAFullQueueDropsAndCounts() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url()).batchSize(10).queueCapacity(100)
                     .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)).closeTimeout(Duration.ofMillis(100))
                     .build()) {
            server.delay(3000);
            long t0 = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 10_000; i++) {
                if (client.send(point(i))) {
                    accepted++;
                }
            }
            long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
            // 10 000 sends against a server that takes 3 s per request finish long before one request could
            assertThat(elapsedMillis).isLessThan(3000);
            DeliveryStats stats = client.stats();
            assertThat(stats.droppedQueueFull()).isEqualTo(10_000 - accepted).isPositive();
            assertThat(accepted).isLessThanOrEqualTo(100 + 10);
        }
    }

    @Test
    void theMemorySpoolDropsOldestPastItsLimitAndCountsThem() throws Exception {
        Receiver server = new Receiver();
        server.stop();
        try (SentryClient client = SentryClient.builder().serverUrl(server.url()).batchSize(100)
                .flushInterval(Duration.ofMillis(20)).spoolMaxBytes(2000)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(50)).build()) {
            for (int i = 0; i < 5000; i++) {
                client.send(point(i));
                if (i % 100 == 99) {
                    client.flush(Duration.ofMillis(30));
                }
            }
            client.flush(Duration.ofMillis(200));
            DeliveryStats down = client.stats();
            assertThat(down.spooledBytes()).isLessThanOrEqualTo(2000);
            assertThat(down.droppedSpoolFull()).isPositive();

            server.start();
            assertThat(client.flush(WAIT)).isTrue();
            List<Double> got = server.values();
            // what arrived is the newest points, in order, ending with the last one; the rest is counted as dropped
            assertThat(got).isSorted();
            assertThat(got.get(got.size() - 1)).isEqualTo(4999.0);
            assertThat(client.stats().sent() + client.stats().dropped()).isEqualTo(5000);
        } finally {
            server.stop();
        }
    }

    @Test
    void manyThreadsSendingLoseNothingBelowTheQueueBound() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url()).batchSize(1000)
                     .queueCapacity(1_000_000).build()) {
            Thread[] threads = new Thread[8];
            for (int t = 0; t < threads.length; t++) {
                int base = t * 10_000;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        client.send(point(base + i));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(server.values()).hasSize(80_000).doesNotHaveDuplicates();
            assertThat(client.stats().sent()).isEqualTo(80_000);
        }
    }

    @Test
    void encodingIsUtf8() throws Exception {
        try (Receiver server = new Receiver();
             SentryClient client = SentryClient.builder().serverUrl(server.url()).build()) {
            client.send(new MetricPoint("m", Map.of("city", "Zürich \"quoted\""), 1700000000, 1));
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(server.bodies().get(0).getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(("[{\"metric\":\"m\",\"tags\":{\"city\":\"Zürich \\\"quoted\\\"\"},"
                            + "\"timestamp\":1700000000,\"value\":1}]").getBytes(StandardCharsets.UTF_8));
        }
    }
}
