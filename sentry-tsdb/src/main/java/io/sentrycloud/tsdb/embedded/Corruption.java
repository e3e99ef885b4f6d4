package io.sentrycloud.tsdb.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where damaged data is reported: each damaged block or chunk is logged once and counted, and the store goes on
 * without it (the counts reach {@link io.sentrycloud.tsdb.StoreStats}).
 */
final class Corruption {

    private static final Logger log = LoggerFactory.getLogger(Corruption.class);

    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    void block(Path dir, String problem) {
        if (reported.add(dir.toString())) {
            blocks.incrementAndGet();
            log.error("block {} is damaged ({}); it is skipped, the rest of the store loads", dir, problem);
        }
    }

    void chunk(Path dir, long offset, String problem) {
        if (reported.add(dir + "@" + offset)) {
            chunks.incrementAndGet();
            log.error("chunk at offset {} of block {} is damaged ({}); its points are skipped", offset, dir,
                    problem);
        }
    }

    long blocks() {
        return blocks.get();
    }

    long chunks() {
        return chunks.get();
    }
}
