package io.sentrycloud.bench.codec;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code sentry-bench codec}: runs {@link ChunkBenchmark} under JMH and prints the compression it reaches. */
@Command(name = "codec", mixinStandardHelpOptions = true,
        description = "JMH: chunk encode/decode nanoseconds per point, and bytes per point.")
public final class CodecCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        System.out.println(ChunkBenchmark.compressionSummary());
        new Runner(new OptionsBuilder().include(ChunkBenchmark.class.getName())
                .jvmArgsAppend("-Xmx1g").build()).run();
        return 0;
    }
}
