package io.sentrycloud.agent.script;

import io.sentrycloud.agent.listen.IncomingPoints;
import io.sentrycloud.agent.listen.ListenerStats;
import io.sentrycloud.agent.listen.PointForwarder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scripts of a folder as the original agent does: each file (in sorted order, subfolders included) is run
 * once as {@code <interpreter> <file> sentry_time} (10 s timeout) and must print its interval in whole seconds;
 * then it runs every interval as {@code <interpreter> <file>} with a timeout of interval - 1 s, and its stdout, the
 * JSON array of points, is forwarded (points without {@code sentryIP} get this machine's). A script whose
 * handshake fails is skipped; a run that fails, times out or prints bad JSON is logged (once per failure streak)
 * and counted, and the script runs again next interval.
 */
public final class ScriptCollectors implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScriptCollectors.class);
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    static final String LISTENER = "script";

    private final ScheduledExecutorService scheduler;
    private final List<Path> scheduled = new ArrayList<>();
    private final Set<Path> failing = ConcurrentHashMap.newKeySet();
    private final String interpreter;
    private final PointForwarder forwarder;
    private final ListenerStats stats;
    private final String sentryIp;

    private ScriptCollectors(String interpreter, PointForwarder forwarder, ListenerStats stats, String sentryIp) {
        this.interpreter = interpreter;
        this.forwarder = forwarder;
        this.stats = stats;
        this.sentryIp = sentryIp;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sentry-agent-script");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Finds the scripts, asks each its interval and schedules the ones that answered.
     *
     * @param interpreter program running each script (e.g. {@code python3}), blank to run the file itself
     */
    public static ScriptCollectors start(Path dir, String interpreter, PointForwarder forwarder, ListenerStats stats,
                                         String sentryIp) throws IOException, InterruptedException {
        ScriptCollectors scripts = new ScriptCollectors(interpreter, forwarder, stats, sentryIp);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        for (Path file : files) {
            Integer interval = scripts.handshake(file);
            if (interval != null) {
                scripts.schedule(file, interval);
            }
        }
        log.info("{} of {} scripts in {} scheduled", scripts.scheduled.size(), files.size(), dir);
        return scripts;
    }

    /** The scripts that answered their handshake and run on a schedule. */
    public List<Path> scheduled() {
        return List.copyOf(scheduled);
    }

    private Integer handshake(Path file) throws InterruptedException {
        ScriptRun run;
        try {
            run = ScriptRun.run(interpreter, file, HANDSHAKE_TIMEOUT, "sentry_time");
        } catch (IOException e) {
            log.warn("script {} skipped: it cannot be started: {}", file, e.getMessage());
            return null;
        }
        String out = new String(run.stdout(), StandardCharsets.UTF_8).trim();
        if (!run.ok()) {
            log.warn("script {} skipped: '{} sentry_time' {}{}", file, file.getFileName(), run.timedOut()
                    ? "did not answer within " + HANDSHAKE_TIMEOUT.toSeconds() + " s" : "exited with " + run.exitCode(),
                    run.stderr().isEmpty() ? "" : ": " + run.stderr());
            return null;
        }
        try {
            int interval = Integer.parseInt(out);
            if (interval < 2) {
                log.warn("script {} skipped: its interval {} is below 2 s (runs time out one second early)", file,
                        interval);
                return null;
            }
            return interval;
        } catch (NumberFormatException e) {
            log.warn("script {} skipped: 'sentry_time' must print the interval in whole seconds, printed '{}'", file,
                    out.length() > 100 ? out.substring(0, 100) + "..." : out);
            return null;
        }
    }

    private void schedule(Path file, int intervalSeconds) {
        scheduled.add(file);
        Duration timeout = Duration.ofSeconds(intervalSeconds - 1L);
        // the first run at once, as the original does, then every interval
        scheduler.scheduleAtFixedRate(() -> runOnce(file, timeout), 0, intervalSeconds, TimeUnit.SECONDS);
        log.info("script {} runs every {} s", file, intervalSeconds);
    }

    private void runOnce(Path file, Duration timeout) {
        try {
            ScriptRun run = ScriptRun.run(interpreter, file, timeout);
            if (!run.ok()) {
                fail(file, run.timedOut() ? "timed out after " + timeout.toSeconds() + " s and was killed"
                        : "exited with " + run.exitCode() + (run.stderr().isEmpty() ? "" : ": " + run.stderr()));
                return;
            }
            if (run.stdout().length == 0 || new String(run.stdout(), StandardCharsets.UTF_8).isBlank()) {
                fail(file, "printed no points");
                return;
            }
            IncomingPoints points = IncomingPoints.read(run.stdout(), sentryIp);
            int taken = forwarder.forward(points.points());
            stats.received(LISTENER, taken);
            stats.refused(LISTENER, points.errors().size() + points.points().size() - taken);
            if (!points.errors().isEmpty()) {
                fail(file, points.errors().size() + " invalid points, first: " + points.errors().get(0));
            } else if (failing.remove(file)) {
                log.info("script {} works again", file);
            }
        } catch (IncomingPoints.MalformedException e) {
            fail(file, "its output is not a JSON array of points: " + e.getMessage());
        } catch (IOException e) {
            fail(file, "cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(file, e.toString());
        }
    }

    private void fail(Path file, String why) {
        stats.refused(LISTENER, 1);
        if (failing.add(file)) {
            log.warn("script {} {}", file, why);
        } else {
            log.debug("script {} still failing: {}", file, why);
        }
    }

    /** Stops scheduling; a running script is killed. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
