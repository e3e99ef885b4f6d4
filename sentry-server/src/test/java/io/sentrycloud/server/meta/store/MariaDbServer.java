package io.sentrycloud.server.meta.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MariaDB server for tests: {@code mariadb-install-db} into a temporary directory, then {@code mariadbd}
 * on 127.0.0.1 and a random port, with its socket and pid file in that directory and grant tables skipped (no
 * users to set up). One server serves the whole test run: {@link #shared} keeps it in JUnit's root store, which
 * stops it and deletes its directory when the run ends. Each caller gets its own database ({@link #newDatabase}).
 */
public final class MariaDbServer implements ExtensionContext.Store.CloseableResource {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final Process process;
    private final int port;

    private MariaDbServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** The run's server, started on first use. */
    public static MariaDbServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(MariaDbServer.class, k -> start(), MariaDbServer.class);
    }

    static MariaDbServer start() {
        try {
            Path dir = Files.createTempDirectory("sentry-mariadb-");
            Path data = dir.resolve("data");
            String user = System.getProperty("user.name");
            run(dir.resolve("install.log"), "mariadb-install-db", "--no-defaults",
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--datadir=" + data,
                    "--user=" + user);
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of(binary("mariadbd"), "--no-defaults",
                    "--datadir=" + data, "--bind-address=127.0.0.1", "--port=" + port,
                    "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                    "--user=" + user, "--skip-grant-tables", "--skip-log-bin", "--skip-performance-schema",
                    "--innodb-buffer-pool-size=32M", "--innodb-flush-log-at-trx-commit=0",
                    "--log-error=" + dir.resolve("error.log")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            MariaDbServer server = new MariaDbServer(dir, p, port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of a new, empty database on this server. */
    public String newDatabase() {
        String name = "sentry_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("mysql"), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see "
                        + dir.resolve("error.log") + ": " + tail(dir.resolve("error.log")));
            }
            try (Connection c = DriverManager.getConnection(url("mysql"), "root", "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("mariadbd did not accept connections on port " + port, last);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing the run for
        }
    }

    private static void run(Path log, String... cmd) throws IOException {
        cmd[0] = binary(cmd[0]);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd[0] + " did not finish");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + tail(log));
        }
    }

    /** Debian puts mariadbd in /usr/sbin, which a non-root PATH may lack. */
    private static String binary(String name) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        return name;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
