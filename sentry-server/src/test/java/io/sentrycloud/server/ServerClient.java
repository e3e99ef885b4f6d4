package io.sentrycloud.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A JSON-over-HTTP client for the server under test (java.net.http, 127.0.0.1 only). */
final class ServerClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    private final int port;
    private String csrf;

    ServerClient(int port) {
        this.port = port;
    }

    /** A status and the parsed JSON body (null when the body is not JSON). */
    record Answer(int status, JsonNode json, String text) {
        int code() {
            return json.get("code").asInt();
        }

        String msg() {
            return json.get("msg").asText();
        }

        JsonNode data() {
            return json.get("data");
        }
    }

    /** Logs in to the metadata API; later requests carry the session cookie and its CSRF token. */
    Answer login(String user, String password) {
        Answer a = post("/api/v1/login", JSON.createObjectNode().put("username", user).put("password", password)
                .toString());
        if (a.status() == 200) {
            csrf = a.data().get("csrf_token").asText();
        }
        return a;
    }

    Answer post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer get(String path) {
        return send(request(path).GET().build());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        return csrf == null ? b : b.header("X-CSRF-Token", csrf);
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(r.body());
            } catch (IOException notJson) {
                // e.g. /metrics: the text is what the test looks at
            }
            return new Answer(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
