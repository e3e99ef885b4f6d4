package io.sentrycloud.tsdb.embedded;

import io.sentrycloud.tsdb.Point;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link KillNineIT}: writes numbered batches to a store as fast as it can and prints
 * {@code ACK <n>} after each write returns, until it is killed. Batch {@code n} holds one point per host at
 * {@code start + n * 10 s} with value {@code n * 1000 + host}, so the parent can tell what must be there. Every 500
 * batches it cuts blocks itself (besides the background rounds).
 */
public final class CrashWriter {

    static final int HOSTS = 100;
    static final long STEP = 10_000;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long start = Long.parseLong(args[1]);
        EmbeddedStore store = EmbeddedStore.open(EmbeddedOptions.defaults(dir).withFsync(FsyncPolicy.everyBatch()));
        for (long n = 0; ; n++) {
            store.write(batch(start, n));
            System.out.println("ACK " + n);
            System.out.flush();
            if (n % 500 == 499) {
                store.maintain(); // cut blocks and truncate the log now and then, so a kill can hit that too
            }
        }
    }

    static List<Point> batch(long start, long n) {
        List<Point> points = new ArrayList<>(HOSTS);
        for (int h = 0; h < HOSTS; h++) {
            points.add(Point.of("crash", Map.of("host", "h" + h), start + n * STEP, n * 1000.0 + h));
        }
        return points;
    }
}
