package io.sentrycloud.agent;

import io.sentrycloud.agent.config.AgentConfig;
import io.sentrycloud.agent.config.ConfigException;
import io.sentrycloud.agent.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code sentry_agent [--config conf/sentry_agent.yaml] [--key=value ...] [--once] [--print]}. Runs until Ctrl-C
 * or SIGTERM. Exit status 2 for a configuration error, 1 when {@code --once} could not deliver its round.
 */
@Command(name = "sentry_agent", mixinStandardHelpOptions = true, version = "sentry_agent 0.1.0",
        description = "Collects this host's metrics every interval and pushes them to sentry_server.",
        footer = {"", "Configuration: --config <file> (default conf/sentry_agent.yaml when present), then any key of",
                "that file as --<key>=<value>, e.g. --server_url=http://10.0.0.5:51001 --interval_seconds=5",
                "--delivery.spool_dir=/var/lib/sentry_agent --tags.dc=eu-1. Every key is documented in the file."})
public final class Main implements Callable<Integer> {

    @Option(names = "--once", description = "Collect one round (after a one-second warm-up for rates) and exit.")
    boolean once;

    @Option(names = "--print", description = "Print the points to stdout, one JSON object a line, instead of "
            + "sending them.")
    boolean print;

    @Unmatched
    List<String> configArgs = new ArrayList<>();

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setUnmatchedOptionsArePositionalParams(false);
        System.exit(cmd.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        AgentConfig config;
        try {
            config = ConfigLoader.load(configArgs, System.getenv());
        } catch (ConfigException e) {
            System.err.println("sentry_agent: configuration error: " + e.getMessage());
            return 2;
        }
        Path home = Path.of(System.getProperty("sentry.agent.home", ".")).toAbsolutePath().normalize();
        SentryAgent agent = SentryAgent.create(config, home, print, System.out);
        if (once) {
            try (agent) {
                agent.once();
                if (agent.client() != null && !agent.client().flush(Duration.ofSeconds(15))) {
                    System.err.println("sentry_agent: the round could not be delivered (" + agent.client().stats()
                            + "); it stays in the spool");
                    return 1;
                }
            }
            return 0;
        }
        try {
            agent.start();
        } catch (java.io.UncheckedIOException e) {
            System.err.println("sentry_agent: " + e.getMessage());
            agent.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "sentry-agent-shutdown"));
        stopped.await();
        return 0;
    }
}
