package io.sentrycloud.server.ingest.opentsdb;

import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.server.ingest.PointCollector;
import io.sentrycloud.server.ingest.PointError;
import io.sentrycloud.server.ingest.PointRules;
import io.sentrycloud.server.ingest.PointWriter;
import io.sentrycloud.server.ingest.tcp.LineListener;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * OpenTSDB's telnet-style TCP protocol: {@code put <metric> <timestamp> <value> <tagk=tagv> ...} lines, plus
 * {@code version}, {@code help} and {@code exit}. As OpenTSDB, a good put gets no answer and a bad one gets a line
 * {@code put: <error>}; points are written in batches whenever the connection has nothing more buffered.
 */
public final class OpenTsdbTelnet implements LineListener.Session {

    /** Points held before writing even while more lines are buffered. */
    private static final int BATCH = 5000;

    private final PointCollector points;
    private final PointWriter writer;
    private final LineListener.Connection connection;
    private long lineNo;

    public OpenTsdbTelnet(PointRules rules, PointWriter writer, LineListener.Connection connection) {
        this.points = new PointCollector(rules, connection.senderIp(), Integer.MAX_VALUE);
        this.writer = writer;
        this.connection = connection;
    }

    @Override
    public boolean line(String line) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
            return true;
        }
        int space = trimmed.indexOf(' ');
        String command = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        switch (command) {
            case "put" -> {
                String error = OpenTsdbParser.parsePut(space < 0 ? "" : trimmed.substring(space + 1),
                        "line " + lineNo, points);
                if (error != null) {
                    connection.replies().send("put: " + error);
                }
                if (points.size() >= BATCH) {
                    flush();
                }
            }
            case "version" -> connection.replies().send("sentry OpenTSDB-compatible telnet put, protocol 2.4");
            case "help" -> connection.replies().send("available commands: put version help exit");
            case "exit" -> {
                return false;
            }
            default -> connection.replies().send("unknown command: " + abbreviate(command) + ".  Try `help'.");
        }
        return true;
    }

    @Override
    public void tooLong(long length) {
        lineNo++;
        connection.replies().send("put: " + points.reject("line " + lineNo, "the line is " + length
                + " bytes long, more than the limit (protocols.tcp_max_line_bytes); it was discarded"));
    }

    @Override
    public void flush() {
        if (points.size() == 0) {
            return;
        }
        // refusals were answered as each line arrived; the store's own refusals (series limit) are answered here
        var batch = points.drain();
        try {
            PointWriter.Stored stored = writer.write(batch, connection.senderIp());
            if (stored.rejected() > batch.errors().size()) {
                Set<PointError> answered = new HashSet<>(batch.errors());
                for (PointError e : stored.errors()) {
                    if (!answered.contains(e)) {
                        connection.replies().send("put: " + e.error());
                    }
                }
            }
        } catch (ApiException e) {
            connection.replies().send("put: " + e.getMessage());
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
