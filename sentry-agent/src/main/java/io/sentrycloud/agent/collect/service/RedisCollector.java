package io.sentrycloud.agent.collect.service;

import io.sentrycloud.agent.collect.Collector;
import io.sentrycloud.agent.collect.PointSink;
import io.sentrycloud.agent.collect.Rates;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Redis server's {@code INFO}, spoken over RESP directly (no client library): every numeric field as
 * {@code sentry_redis_<field>} (e.g. {@code sentry_redis_connected_clients}, {@code sentry_redis_used_memory}),
 * per database {@code sentry_redis_keyspace_keys{db}}, {@code .._expires{db}}, per-second rates of the main
 * counters as {@code sentry_redis_<counter>_per_second}, and {@code sentry_redis_up}; all tagged {@code server}.
 */
public final class RedisCollector implements Collector {

    /** Counters also reported per second. */
    static final Set<String> RATES = Set.of("total_commands_processed", "total_connections_received",
            "keyspace_hits", "keyspace_misses", "expired_keys", "evicted_keys", "total_net_input_bytes",
            "total_net_output_bytes", "rejected_connections");
    private static final int MAX_REPLY = 1 << 20;

    private final String host;
    private final int port;
    private final String password;
    private final int timeoutMillis;
    private final Map<String, String> tags;
    private final Rates rates = new Rates();

    /**
     * @param url {@code redis://host:port} or {@code redis://:password@host:port}
     */
    public RedisCollector(URI url, int timeoutMillis) {
        if (!"redis".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("a Redis server is redis://[:password@]host:port, got " + url);
        }
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : 6379;
        String userInfo = url.getUserInfo();
        this.password = userInfo == null ? "" : userInfo.substring(userInfo.indexOf(':') + 1);
        this.timeoutMillis = timeoutMillis;
        this.tags = Map.of("server", host + ":" + port);
    }

    @Override
    public String name() {
        return "redis " + host + ":" + port;
    }

    @Override
    public void collect(PointSink out) throws IOException {
        String info;
        try {
            info = info();
        } catch (IOException e) {
            out.add("sentry_redis_up", tags, 0);
            throw e;
        }
        out.add("sentry_redis_up", tags, 1);
        long now = System.nanoTime();
        for (Map.Entry<String, String> e : parse(info).entrySet()) {
            String field = e.getKey();
            String value = e.getValue();
            if (field.matches("db\\d+")) {
                for (String kv : value.split(",")) {
                    String[] p = kv.split("=", 2);
                    if (p.length == 2 && (p[0].equals("keys") || p[0].equals("expires"))) {
                        out.add("sentry_redis_keyspace_" + p[0], Map.of("server", tags.get("server"), "db", field),
                                Double.parseDouble(p[1]));
                    }
                }
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException notNumeric) {
                continue;
            }
            String metric = "sentry_redis_" + field.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            out.add(metric, tags, v);
            if (RATES.contains(field)) {
                out.add(metric + "_per_second", tags, rates.perSecond(field, (long) v, now));
            }
        }
    }

    /** The {@code key:value} lines of an INFO reply, section headers and blank lines skipped. */
    static Map<String, String> parse(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int c = line.indexOf(':');
            if (c > 0) {
                fields.put(line.substring(0, c), line.substring(c + 1).trim());
            }
        }
        return fields;
    }

    private String info() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            if (!password.isEmpty()) {
                out.write(command("AUTH", password));
                out.flush();
                String reply = line(in);
                if (!reply.startsWith("+")) {
                    throw new IOException("AUTH refused: " + reply);
                }
            }
            out.write(command("INFO"));
            out.flush();
            String header = line(in);
            if (!header.startsWith("$")) {
                throw new IOException("INFO answered " + header);
            }
            int length = Integer.parseInt(header.substring(1));
            if (length < 0 || length > MAX_REPLY) {
                throw new IOException("INFO reply of " + length + " bytes");
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("INFO reply cut short");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static byte[] command(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > 4096) {
                throw new IOException("reply line too long");
            }
        }
        if (c < 0) {
            throw new IOException("connection closed by Redis");
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
