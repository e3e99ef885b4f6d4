package io.sentrycloud.agent.collect.host;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.InternetProtocolStats.IPConnection;

/**
 * {@code sentry_sys_tcp_status{status}}: TCP connections (IPv4 and IPv6) per state, with the original's state names
 * (ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING).
 * Every state is reported each round, 0 when none. On Linux the kernel's {@code /proc/net/tcp*} tables are read
 * directly: OSHI would also map every socket to its process, which means walking every process's descriptors.
 */
public final class TcpStatusCollector implements Collector {

    /** Linux's TCP state numbers (1..11) to the original's names. */
    static final List<String> STATES = List.of("ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
            "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING");
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private final InternetProtocolStats ipStats;

    public TcpStatusCollector(InternetProtocolStats ipStats) {
        this.ipStats = ipStats;
    }

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public void collect(PointSink out) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATES.forEach(s -> counts.put(s, 0));
        if (Files.isReadable(TABLES.get(0))) {
            for (Path table : TABLES) {
                if (Files.isReadable(table)) {
                    countProcTable(Files.readAllLines(table), counts);
                }
            }
        } else {
            for (IPConnection c : ipStats.getConnections()) {
                if (c.getType().startsWith("tcp")) {
                    counts.merge(originalName(c.getState()), 1, Integer::sum);
                }
            }
        }
        counts.forEach((state, n) -> out.add("sentry_sys_tcp_status", Map.of("status", state), n));
    }

    /** Counts the rows of a {@code /proc/net/tcp} table by their state column (hex). */
    static void countProcTable(List<String> lines, Map<String, Integer> counts) {
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length > 3) {
                int state = Integer.parseInt(f[3], 16);
                if (state >= 1 && state <= STATES.size()) {
                    counts.merge(STATES.get(state - 1), 1, Integer::sum);
                }
            }
        }
    }

    private static String originalName(InternetProtocolStats.TcpState state) {
        switch (state) {
            case FIN_WAIT_1:
                return "FIN_WAIT1";
            case FIN_WAIT_2:
                return "FIN_WAIT2";
            case CLOSED:
                return "CLOSE";
            default:
                return state.name();
        }
    }
}
