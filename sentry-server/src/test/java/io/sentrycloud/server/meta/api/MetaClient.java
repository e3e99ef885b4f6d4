package io.sentrycloud.server.meta.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * An HTTP client for the metadata API of a server under test (127.0.0.1 only): keeps the session cookie,
 * echoes the CSRF token of its login, or sends a bearer token.
 */
final class MetaClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final int port;
    private String csrf;
    private String bearer;

    MetaClient(int port) {
        this.port = port;
    }

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

        String field() {
            return json.path("data").path("field").asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** Logs in; later writes carry the session's CSRF token. */
    Answer login(String user, String password) {
        Answer a = send("POST", "/api/v1/login", JSON.createObjectNode().put("username", user)
                .put("password", password).toString());
        if (a.status() == 200) {
            csrf = a.data().get("csrf_token").asText();
        }
        return a;
    }

    MetaClient withoutCsrf() {
        csrf = null;
        return this;
    }

    MetaClient withToken(String secret) {
        bearer = secret;
        return this;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer post(String path, String body) {
        return send("POST", path, body);
    }

    Answer put(String path, String body) {
        return send("PUT", path, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null);
    }

    Answer delete(String path, String body) {
        return send("DELETE", path, body);
    }

    Answer send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(r.body());
            } catch (IOException notJson) {
                // the text is in the answer
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
