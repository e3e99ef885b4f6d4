package io.sentrycloud.server.storage.victoriametrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentrycloud.tsdb.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The HTTP calls to VictoriaMetrics: one client, the configured timeouts and auth header on every request, and
 * VictoriaMetrics' error text carried into the exception (it names the problem, e.g. a bad selector).
 */
final class VmHttp {

    /** A reply that was not 2xx; {@code retryable} for 429 and 5xx. */
    static final class VmStatusException extends StoreException {
        final int status;

        VmStatusException(String what, int status, String body) {
            super("VictoriaMetrics answered " + what + " with HTTP " + status + ": " + abbreviate(body));
            this.status = status;
        }

        boolean retryable() {
            return status == 429 || status >= 500;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VictoriaMetricsOptions options;
    private final HttpClient client;

    VmHttp(VictoriaMetricsOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder().connectTimeout(options.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** POSTs a gzip'ed JSON-lines body to the import API; returns once VictoriaMetrics acknowledged it. */
    void importGzip(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = request(URI.create(options.writeUrl() + "/api/v1/import"))
                .header("Content-Encoding", "gzip")
                .header("Content-Type", "application/stream+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new VmStatusException("an import", r.statusCode(), r.body());
        }
    }

    /** POSTs form parameters to a read API path and streams the answer to {@code reader}. */
    <T> T postRead(String path, Map<String, List<String>> form, StreamReader<T> reader) {
        HttpRequest request = request(URI.create(options.readUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build();
        try {
            HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() / 100 != 2) {
                    throw new VmStatusException(path, r.statusCode(),
                            new String(in.readNBytes(4096), StandardCharsets.UTF_8));
                }
                return reader.read(in);
            }
        } catch (IOException e) {
            throw new StoreException("VictoriaMetrics at " + options.readUrl() + " did not answer " + path + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for VictoriaMetrics", e);
        }
    }

    /** A read API call answering {@code {"status":"success","data":...}}; returns {@code data}. */
    JsonNode postJson(String path, Map<String, List<String>> form) {
        JsonNode answer = postRead(path, form, in -> JSON.readTree(in));
        if (answer == null || !"success".equals(answer.path("status").asText())) {
            throw new StoreException("VictoriaMetrics answered " + path + " without success: "
                    + abbreviate(String.valueOf(answer)));
        }
        return answer.path("data");
    }

    /** The text of a page such as {@code /metrics}. */
    String getText(URI uri) {
        try {
            HttpResponse<String> r = client.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new VmStatusException(uri.getPath(), r.statusCode(), r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new StoreException("VictoriaMetrics at " + uri + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for VictoriaMetrics", e);
        }
    }

    /** Reads a successful answer's body. */
    @FunctionalInterface
    interface StreamReader<T> {
        T read(InputStream in) throws IOException;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout());
        if (options.authHeader() != null) {
            b.header(options.authHeader().name(), options.authHeader().value());
        }
        return b;
    }

    private static String formBody(Map<String, List<String>> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, values) -> {
            for (String v : values) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return sb.toString();
    }

    private static String abbreviate(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }
}
