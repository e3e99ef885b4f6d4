package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Aggregation;
import io.sentrycloud.tsdb.DataPoint;
import io.sentrycloud.tsdb.Query;
import io.sentrycloud.tsdb.SeriesResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a child JVM in the middle of ingest (and of its background block cuts), then a reopen:
 * every point of every acknowledged batch is there with its value.
 */
class KillNineIT {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedPointSurvivesKillNine() throws Exception {
        // far enough back for the child to write days of data (so blocks are cut meanwhile), inside retention
        long start = System.currentTimeMillis() - 40L * 86_400_000L;
        start -= Math.floorMod(start, 60_000L);
        for (int round = 0; round < 2; round++) {
            long lastAck = runAndKill(start, 2_000 + round * 2_000);
            assertThat(lastAck).isGreaterThan(100);
            try (EmbeddedStore store = EmbeddedStore.open(EmbeddedOptions.defaults(dir))) {
                List<SeriesResult> results = store.query(new Query("crash", List.of(), start, Long.MAX_VALUE, 0,
                        Aggregation.SUM, List.of("host")));
                assertThat(results).hasSize(CrashWriter.HOSTS);
                assertThat(store.blocks()).as("the child cut blocks before it died").isNotEmpty();
                for (SeriesResult r : results) {
                    int host = Integer.parseInt(r.tags().get("host").substring(1));
                    List<DataPoint> points = r.points();
                    assertThat(points.size()).as("points of host %d", host).isGreaterThan((int) lastAck);
                    for (int n = 0; n < points.size(); n++) {
                        // batches past the last ack may or may not have landed; those that did are whole and right
                        assertThat(points.get(n)).isEqualTo(
                                new DataPoint(start + n * CrashWriter.STEP, n * 1000.0 + host));
                    }
                }
            }
        }
    }

    /** Runs the writer on the same directory, kills it after about {@code acks} batches; returns the last ack. */
    private long runAndKill(long start, int acks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), Long.toString(start))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long last = -1;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    last = Math.max(last, Long.parseLong(line.substring(4)));
                }
                if (!killed && last >= acks) {
                    // SIGKILL: no shutdown hook, no close; acks already in the pipe are still read below
                    new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start().waitFor();
                    killed = true;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(1, TimeUnit.MINUTES);
        }
        return last;
    }
}
