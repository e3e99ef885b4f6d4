package io.sentrycloud.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentrycloud.server.SentryServer;
import io.sentrycloud.server.config.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the server serves the app: the shell on every page route, caching headers, and API 404s left alone. */
class WebAppIT {

    @TempDir
    static Path data;
    static SentryServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = SentryServer.start(ServerConfig.defaults("--http.host=127.0.0.1", "--http.port=0",
                "--storage.data_dir=" + data, "--self_monitor.enabled=false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET()
                .header("Accept-Encoding", "identity").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageRouteAnswersTheShellRevalidatedOnEachLoad() throws Exception {
        for (String page : new String[] {"/", "/login", "/dashboards", "/dashboards/42", "/explore", "/alarms",
                "/alarms/silences", "/admin/tokens", "/dashboards/42?from=now-6h&var-host=a"}) {
            HttpResponse<String> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(page).startsWith("text/html");
            assertThat(r.headers().firstValue("Cache-Control")).as(page).hasValue("no-cache");
            assertThat(r.body()).as(page).contains("<script type=\"module\" src=\"/app/main.js\">");
        }
    }

    @Test
    void appModulesAreRevalidatedAndVersionedLibrariesCachedForAYear() throws Exception {
        HttpResponse<String> module = get("/app/chart.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(module.headers().firstValue("Cache-Control")).hasValue("no-cache");

        String index = get("/").body();
        String uplot = index.replaceAll("(?s).*\"uplot\": \"([^\"]+)\".*", "$1");
        assertThat(uplot).startsWith("/vendor/uplot-");
        HttpResponse<String> lib = get(uplot);
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(lib.body()).contains("export { uPlot as default }");
        String gridstack = index.replaceAll("(?s).*<script src=\"(/vendor/gridstack-[^\"]+)\".*", "$1");
        assertThat(get(gridstack).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndApiPathsStill404InTheEnvelope() throws Exception {
        for (String path : new String[] {"/server/api/nope", "/api/v1/nope", "/no/such/page", "/app/missing.js"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).as(path).startsWith("{\"code\":1,");
        }
        assertThat(get("/server/api/range").statusCode()).isEqualTo(405); // a POST API, not the shell
    }
}
