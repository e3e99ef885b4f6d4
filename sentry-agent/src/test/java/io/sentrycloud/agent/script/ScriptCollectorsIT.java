package io.sentrycloud.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.agent.listen.ListenerStats;
import io.sentrycloud.agent.listen.PointForwarder;
import io.sentrycloud.sdk.MetricPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real scripts run by bash, as the original agent runs its script folder. */
class ScriptCollectorsIT {

    @TempDir
    Path dir;

    private final List<MetricPoint> forwarded = new CopyOnWriteArrayList<>();
    private final PointForwarder forwarder = points -> {
        forwarded.addAll(points);
        return points.size();
    };
    private final ListenerStats stats = new ListenerStats();
    private ScriptCollectors scripts;

    @AfterEach
    void stop() {
        if (scripts != null) {
            scripts.close();
        }
    }

    private void script(String name, String body) throws Exception {
        Files.writeString(dir.resolve(name), "#!/bin/bash\n" + body + "\n");
    }

    @Test
    void handshakeThenRunsEveryIntervalAndForwardsItsPoints() throws Exception {
        Path marker = dir.resolve("runs.txt");
        script("queue.sh", "if [ \"$1\" = sentry_time ]; then echo 2; exit 0; fi\n"
                + "echo run >> " + marker + "\n"
                + "echo \"[{\\\"metric\\\":\\\"app_queue\\\",\\\"tags\\\":{\\\"q\\\":\\\"a\\\"},"
                + "\\\"timestamp\\\":$(date +%s),\\\"value\\\":$(wc -l < " + marker + ")}]\"");
        script("silent.sh", "if [ \"$1\" = sentry_time ]; then echo 2; exit 0; fi");
        script("nointerval.sh", "echo soon");
        script("broken.sh", "exit 3");
        scripts = ScriptCollectors.start(dir, "bash", forwarder, stats, "10.0.0.9");
        assertThat(scripts.scheduled()).extracting(p -> p.getFileName().toString())
                .containsExactly("queue.sh", "silent.sh");

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (forwarded.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(forwarded).hasSizeGreaterThanOrEqualTo(3);
        assertThat(forwarded).extracting(MetricPoint::value).startsWith(1.0, 2.0, 3.0);
        assertThat(forwarded.get(0).tags()).containsEntry("q", "a").containsEntry("sentryIP", "10.0.0.9");
        assertThat(stats.receivedTotals().get("script")).isGreaterThanOrEqualTo(3L);
        // silent.sh prints nothing: each of its runs is counted as refused
        assertThat(stats.refusedTotals().get("script")).isPositive();
    }

    @Test
    void aScriptOutlastingItsIntervalIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        script("slow.sh", "if [ \"$1\" = sentry_time ]; then echo 2; exit 0; fi\n"
                + "sleep 300 & echo $! > " + pidFile + "\nwait");
        scripts = ScriptCollectors.start(dir, "bash", forwarder, stats, "10.0.0.9");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stats.refusedTotals().getOrDefault("script", 0L) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(stats.refusedTotals().get("script")).isPositive();
        long child = Long.parseLong(Files.readString(pidFile).trim());
        // the timed-out run's background child was killed too (wait for the kill to land)
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(forwarded).isEmpty();
    }

    @Test
    void badJsonIsRefusedAndTheScriptKeepsRunning() throws Exception {
        script("bad.sh", "if [ \"$1\" = sentry_time ]; then echo 2; exit 0; fi\necho '[{\"metric\": oops'");
        scripts = ScriptCollectors.start(dir, "bash", forwarder, stats, "10.0.0.9");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (stats.refusedTotals().getOrDefault("script", 0L) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(stats.refusedTotals().get("script")).isGreaterThanOrEqualTo(2L);
        assertThat(forwarded).isEmpty();
    }
}
