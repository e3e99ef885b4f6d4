package io.sentrycloud.sdk.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Posts batches to the first of several servers that takes them, remembering which one did. A server that cannot be
 * reached, times out or answers 5xx/404/408/429 is skipped for the next one; 400, 413 and 422 mean the server read the
 * batch and refused (some of) its points, which sending again cannot fix.
 */
public final class HttpTransport {

    /** What happened to a batch. */
    public enum Outcome {
        /** A server stored the batch. */
        SENT,
        /** A server read the batch and refused it or some of its points; do not send it again. */
        REJECTED,
        /** No server took it; try again later. */
        FAILED
    }

    private static final System.Logger log = System.getLogger(HttpTransport.class.getName());
    /** Where the points go when a URL names only a server: the original server's ingest path. */
    public static final String DEFAULT_PATH = "/server/api/putMetrics";

    private final List<URI> endpoints;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final boolean gzip;
    private int current;
    private String lastError = "";

    /**
     * @param urls           servers in order of preference: {@code http://host:port} (then {@link #DEFAULT_PATH}
     *                       is used) or a full ingest URL such as {@code http://127.0.0.1:50001/agent/api/putMetrics}
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for an answer
     * @param gzip           whether to send bodies gzip-compressed ({@code Content-Encoding: gzip})
     */
    public HttpTransport(List<URI> urls, Duration connectTimeout, Duration requestTimeout, boolean gzip) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one server URL is needed");
        }
        this.endpoints = urls.stream().map(HttpTransport::endpoint).collect(java.util.stream.Collectors.toList());
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .build();
        this.requestTimeout = requestTimeout;
        this.gzip = gzip;
    }

    /** The ingest URL for a configured server URL. */
    public static URI endpoint(URI url) {
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("server URL " + url + " is not an http(s)://host:port URL");
        }
        String path = url.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return url.resolve(DEFAULT_PATH);
        }
        return url;
    }

    /** The ingest URLs, in order of preference. */
    public List<URI> endpoints() {
        return endpoints;
    }

    /** Why the last failed attempt failed, for logs and stats. */
    public synchronized String lastError() {
        return lastError;
    }

    /** Sends one batch, trying each server once starting with the one that last took a batch. */
    public synchronized Outcome send(Batch batch) {
        byte[] body = gzip ? batch.gzipJson() : gunzip(batch.gzipJson());
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (current + i) % endpoints.size();
            URI uri = endpoints.get(index);
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (gzip) {
                req.header("Content-Encoding", "gzip");
            }
            try {
                HttpResponse<String> resp = http.send(req.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = resp.statusCode();
                if (status / 100 == 2) {
                    current = index;
                    return Outcome.SENT;
                }
                if (status == 400 || status == 413 || status == 422) {
                    current = index;
                    log.log(Level.WARNING, uri + " refused points of a batch of " + batch.points() + " (HTTP "
                            + status + "): " + abbreviate(resp.body()));
                    return Outcome.REJECTED;
                }
                lastError = uri + " answered HTTP " + status + ": " + abbreviate(resp.body());
            } catch (IOException e) {
                lastError = uri + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lastError = uri + ": interrupted";
                return Outcome.FAILED;
            }
        }
        return Outcome.FAILED;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    private static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a spooled batch is not valid gzip", e);
        }
    }
}
