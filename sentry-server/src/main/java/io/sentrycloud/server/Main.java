package io.sentrycloud.server;

import io.sentrycloud.server.config.ConfigException;
import io.sentrycloud.server.config.ConfigLoader;
import io.sentrycloud.server.config.ServerConfig;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -cp 'lib/*' io.sentrycloud.server.Main [--config conf/sentry_server.yaml] [--section.key=value ...]}.
 * Runs until Ctrl-C or SIGTERM, then shuts down cleanly. Exit status 2 for a configuration error.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println("usage: sentry_server [--config <file>] [--<section>.<key>=<value> ...]\n"
                    + "Every key is documented in conf/sentry_server.yaml; environment SENTRY_<SECTION>_<KEY> also"
                    + " overrides it.");
            return;
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(List.of(args), System.getenv());
        } catch (ConfigException e) {
            System.err.println("sentry_server: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        SentryServer server = SentryServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sentry-shutdown"));
        stopped.await();
    }
}
