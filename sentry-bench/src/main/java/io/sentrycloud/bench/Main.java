package io.sentrycloud.bench;

import io.sentrycloud.bench.alarm.AlarmCommand;
import io.sentrycloud.bench.engine.IngestCommand;
import io.sentrycloud.bench.engine.QueryCommand;
import io.sentrycloud.bench.engine.RecoveryCommand;
import io.sentrycloud.bench.codec.CodecCommand;
import io.sentrycloud.bench.compare.CompareCommand;
import io.sentrycloud.bench.server.PushCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sentry-bench <command>}: see {@code docs/performance.md} for what each measures. */
@Command(name = "sentry-bench", mixinStandardHelpOptions = true,
        description = "Benchmarks of sentry on generated agent-like data.",
        subcommands = {IngestCommand.class, QueryCommand.class, RecoveryCommand.class, CompareCommand.class,
                CodecCommand.class, AlarmCommand.class, PushCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
