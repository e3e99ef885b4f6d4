package io.sentrycloud.agent.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a script: {@code [interpreter] file [args]}, its stdout and stderr captured (bounded), killed with its
 * children when it outlasts the timeout.
 *
 * @param exitCode the exit status (-1 when it timed out)
 * @param stdout   what it printed, up to {@link #MAX_OUTPUT} bytes
 * @param stderr   what it printed on stderr, up to {@link #MAX_OUTPUT} bytes
 * @param timedOut whether it was killed for taking too long
 */
public record ScriptRun(int exitCode, byte[] stdout, String stderr, boolean timedOut) {

    /** Most output kept per stream; a script printing more is cut (and its JSON then fails to parse). */
    public static final int MAX_OUTPUT = 8 << 20;

    /** Whether it ended by itself with status 0. */
    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** Runs a script and waits for it, at most {@code timeout}. */
    public static ScriptRun run(String interpreter, Path file, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!interpreter.isBlank()) {
            command.addAll(List.of(interpreter.trim().split("\\s+")));
        }
        command.add(file.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(file.toAbsolutePath().getParent().toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(p); // the agent is stopping: leave nothing running
            throw e;
        }
        if (!done) {
            kill(p);
            p.waitFor(5, TimeUnit.SECONDS);
        }
        out.join(2000);
        err.join(2000);
        return new ScriptRun(done ? p.exitValue() : -1, out.bytes(),
                new String(err.bytes(), StandardCharsets.UTF_8).trim(), !done);
    }

    /** Kills the script and whatever it started: a shell script's children would keep the pipes open. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Reads a stream to its end on its own thread, keeping at most {@link #MAX_OUTPUT} bytes. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        Drain(InputStream in) {
            super("sentry-agent-script-io");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buf) {
                        if (buf.size() < MAX_OUTPUT) {
                            buf.write(chunk, 0, Math.min(n, MAX_OUTPUT - buf.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed: keep what was read
            }
        }

        byte[] bytes() {
            synchronized (buf) {
                return buf.toByteArray();
            }
        }
    }
}
