package io.sentrycloud.server.meta.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users and access on a real server: the permission matrix (each role against each endpoint), CSRF for cookie
 * sessions, API tokens, ingest tokens, login throttling, the last admin.
 */
class AccessIT {

    static final String ADMIN_PASSWORD = "admin-secret-1";

    @TempDir
    Path data;

    final List<SentryServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(SentryServer::close);
    }

    SentryServer start(String... extra) {
        List<String> flags = new ArrayList<>(List.of("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data.resolve("s" + servers.size()), "--self_monitor.enabled=false",
                "--auth.admin_password=" + ADMIN_PASSWORD));
        flags.addAll(List.of(extra));
        SentryServer s = SentryServer.start(ServerConfig.defaults(flags.toArray(String[]::new)));
        servers.add(s);
        return s;
    }

    static MetaClient loggedIn(SentryServer s, String user, String password) {
        MetaClient c = new MetaClient(s.port());
        MetaClient.Answer a = c.login(user, password);
        assertThat(a.status()).as(a.toString()).isEqualTo(200);
        return c;
    }

    static void createUser(MetaClient admin, String name, String role) {
        MetaClient.Answer a = admin.post("/api/v1/users", "{\"username\": \"" + name + "\", \"password\": \""
                + name + "-password\", \"role\": \"" + role + "\"}");
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
    }

    /** Reads: list endpoints; writes: a create with an empty object, which an allowed caller gets 400 for. */
    static final List<String> CONTENT = List.of("/api/v1/dashboards", "/api/v1/charts", "/api/v1/alarm-rules",
            "/api/v1/contacts", "/api/v1/contact-groups", "/api/v1/silences");
    static final List<String> ADMIN_ONLY = List.of("/api/v1/users", "/api/v1/tokens");
    static final List<String> ORIGINAL = List.of("/server/api/dashboard", "/server/api/alarmRule",
            "/server/api/contact", "/server/api/metricWhiteList");

    @Test
    void permissionMatrix() {
        SentryServer s = start();
        MetaClient admin = loggedIn(s, "admin", ADMIN_PASSWORD);
        createUser(admin, "vera", "viewer");
        createUser(admin, "ed", "editor");
        Map<String, MetaClient> callers = new LinkedHashMap<>();
        callers.put("anonymous", new MetaClient(s.port()));
        callers.put("viewer", loggedIn(s, "vera", "vera-password"));
        callers.put("editor", loggedIn(s, "ed", "ed-password"));
        callers.put("admin", admin);
        Map<String, Integer> contentWrite = Map.of("anonymous", 401, "viewer", 403, "editor", 400, "admin", 400);
        Map<String, Integer> adminRead = Map.of("anonymous", 401, "viewer", 403, "editor", 403, "admin", 200);
        Map<String, Integer> adminWrite = Map.of("anonymous", 401, "viewer", 403, "editor", 403, "admin", 400);

        for (var c : callers.entrySet()) {
            String who = c.getKey();
            MetaClient client = c.getValue();
            for (String path : CONTENT) {
                assertThat(client.get(path).status()).as(who + " GET " + path).isEqualTo(200);
                assertThat(client.post(path, "{}").status()).as(who + " POST " + path)
                        .isEqualTo(contentWrite.get(who));
                assertThat(client.put(path + "/1", "{}").status()).as(who + " PUT " + path)
                        .isEqualTo(contentWrite.get(who));
                int delete = client.delete(path + "/999999").status();
                assertThat(delete).as(who + " DELETE " + path)
                        .isEqualTo(contentWrite.get(who) == 400 ? 404 : contentWrite.get(who));
            }
            for (String path : ADMIN_ONLY) {
                assertThat(client.get(path).status()).as(who + " GET " + path).isEqualTo(adminRead.get(who));
                assertThat(client.post(path, "{}").status()).as(who + " POST " + path)
                        .isEqualTo(adminWrite.get(who));
            }
            assertThat(client.get("/api/v1/audit").status()).as(who + " audit").isEqualTo(adminRead.get(who));
            assertThat(client.get("/api/v1/alerts/history").status()).as(who + " alerts").isEqualTo(200);
            for (String path : ORIGINAL) {
                assertThat(client.get(path).status()).as(who + " GET " + path).isEqualTo(200);
                assertThat(client.put(path, "{}").status()).as(who + " PUT " + path)
                        .isEqualTo(contentWrite.get(who));
                assertThat(client.post(path, "{}").status()).as(who + " POST " + path)
                        .isEqualTo(contentWrite.get(who));
                assertThat(client.delete(path, "{}").status()).as(who + " DELETE " + path)
                        .isEqualTo(contentWrite.get(who));
            }
            assertThat(client.get("/api/v1/me").data().get("role").asText())
                    .isEqualTo(who.equals("anonymous") ? "viewer" : who);
        }
        // every change above that went through is in the audit log, with who made it
        assertThat(admin.get("/api/v1/audit?entity=app_user").data().get("items").get(0).get("actor").asText())
                .isEqualTo("admin");
    }

    @Test
    void withoutAnonymousReadEveryReadNeedsALogin() {
        SentryServer s = start("--auth.anonymous_read=false");
        MetaClient anonymous = new MetaClient(s.port());
        for (String path : CONTENT) {
            MetaClient.Answer a = anonymous.get(path);
            assertThat(a.status()).as(path).isEqualTo(401);
            assertThat(a.code()).isEqualTo(16);
        }
        assertThat(loggedIn(s, "admin", ADMIN_PASSWORD).get("/api/v1/dashboards").status()).isEqualTo(200);
    }

    @Test
    void withAuthOffAnyoneMayWrite() {
        SentryServer s = start("--auth.enabled=false");
        MetaClient anonymous = new MetaClient(s.port());
        assertThat(anonymous.post("/api/v1/dashboards", "{\"name\": \"open\"}").status()).isEqualTo(201);
        assertThat(anonymous.get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void aCookieSessionMustEchoItsCsrfToken() {
        SentryServer s = start();
        MetaClient admin = loggedIn(s, "admin", ADMIN_PASSWORD);
        assertThat(admin.post("/api/v1/dashboards", "{\"name\": \"ok\"}").status()).isEqualTo(201);
        admin.withoutCsrf();
        MetaClient.Answer forged = admin.post("/api/v1/dashboards", "{\"name\": \"forged\"}");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.msg()).contains("X-CSRF-Token");
        assertThat(admin.get("/api/v1/dashboards").status()).isEqualTo(200); // reads need no token
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession() throws Exception {
        SentryServer s = start();
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port()
                        + "/api/v1/login")).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("sentry_session=").contains("HttpOnly").contains("SameSite=Strict");
        String session = cookie.substring(0, cookie.indexOf(';'));
        var me = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port()
                + "/api/v1/me")).header("Cookie", session).build();
        assertThat(http.send(me, java.net.http.HttpResponse.BodyHandlers.ofString()).body()).contains("\"admin\"");
        http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port()
                        + "/api/v1/logout")).header("Cookie", session).POST(
                        java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(http.send(me, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void apiTokensActAsTheirUserAndIngestTokensOnlyIngest() {
        SentryServer s = start();
        MetaClient admin = loggedIn(s, "admin", ADMIN_PASSWORD);
        createUser(admin, "ed", "editor");
        long ed = admin.get("/api/v1/users").data().get("items").get(1).get("id").asLong();
        MetaClient.Answer api = admin.post("/api/v1/tokens", "{\"name\": \"ci\", \"scope\": \"api\", \"user_id\": "
                + ed + "}");
        assertThat(api.status()).as(api.toString()).isEqualTo(201);
        String secret = api.data().get("secret").asText();
        assertThat(secret).startsWith("sntr_");
        assertThat(admin.get("/api/v1/tokens").text()).doesNotContain(secret);

        MetaClient script = new MetaClient(s.port()).withToken(secret);
        assertThat(script.post("/api/v1/dashboards", "{\"name\": \"from ci\"}").status()).isEqualTo(201);
        assertThat(script.get("/api/v1/users").status()).isEqualTo(403); // an editor's token
        assertThat(new MetaClient(s.port()).withToken("sntr_forged").get("/api/v1/dashboards").status())
                .isEqualTo(401);

        String ingest = admin.post("/api/v1/tokens", "{\"name\": \"agents\", \"scope\": \"ingest\"}").data()
                .get("secret").asText();
        assertThat(new MetaClient(s.port()).withToken(ingest).post("/api/v1/dashboards", "{\"name\": \"x\"}")
                .status()).isEqualTo(403);

        long tokenId = api.data().get("id").asLong();
        assertThat(admin.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(200);
        assertThat(script.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void ingestIsOpenByDefaultAndTakesTokensWhenRequired() {
        String points = "[{\"metric\":\"m\",\"tags\":{\"h\":\"a\"},\"timestamp\":" + System.currentTimeMillis() / 1000
                + ",\"value\":1}]";
        SentryServer open = start();
        assertThat(new MetaClient(open.port()).post("/server/api/putMetrics", points).status()).isEqualTo(200);

        SentryServer closed = start("--auth.ingest_token_required=true");
        MetaClient nobody = new MetaClient(closed.port());
        assertThat(nobody.post("/server/api/putMetrics", points).status()).isEqualTo(401);
        MetaClient admin = loggedIn(closed, "admin", ADMIN_PASSWORD);
        String ingest = admin.post("/api/v1/tokens", "{\"name\": \"agents\", \"scope\": \"ingest\"}").data()
                .get("secret").asText();
        assertThat(new MetaClient(closed.port()).withToken(ingest).post("/server/api/putMetrics", points).status())
                .isEqualTo(200);
        assertThat(nobody.post("/server/api/putMetrics?token=" + ingest, points).status()).isEqualTo(200);
        assertThat(nobody.post("/server/api/putMetrics?token=sntr_wrong", points).status()).isEqualTo(401);
    }

    @Test
    void failedLoginsAreThrottled() {
        SentryServer s = start("--auth.login_attempts_per_minute=3");
        MetaClient c = new MetaClient(s.port());
        for (int i = 0; i < 3; i++) {
            assertThat(c.login("admin", "wrong-password").status()).isEqualTo(401);
        }
        MetaClient.Answer blocked = c.login("admin", ADMIN_PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.code()).isEqualTo(20);
        assertThat(c.login("nobody", "wrong-password").status()).as("same address").isEqualTo(429);
    }

    @Test
    void theLastAdminStaysAndANewPasswordEndsSessions() {
        SentryServer s = start();
        MetaClient admin = loggedIn(s, "admin", ADMIN_PASSWORD);
        long adminId = admin.get("/api/v1/me").data().get("id").asLong();
        MetaClient.Answer demote = admin.put("/api/v1/users/" + adminId, "{\"role\": \"viewer\", \"version\": 1}");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(admin.delete("/api/v1/users/" + adminId).status()).isEqualTo(409);

        createUser(admin, "other", "admin");
        MetaClient other = loggedIn(s, "other", "other-password");
        MetaClient.Answer changed = admin.put("/api/v1/users/" + adminId,
                "{\"password\": \"a-new-password\", \"version\": 1}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(admin.get("/api/v1/users").status()).isEqualTo(401); // its session ended
        assertThat(other.get("/api/v1/users").status()).isEqualTo(200);
        assertThat(new MetaClient(s.port()).login("admin", "a-new-password").status()).isEqualTo(200);
    }
}
