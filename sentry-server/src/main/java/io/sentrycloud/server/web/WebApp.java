package io.sentrycloud.server.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Serves the dashboard: {@code /web} on the classpath at {@code /}, and the shell page {@code index.html} for the
 * app's own routes ({@link #PAGES}) so a reload or a shared link of any page works. Only those routes get the shell:
 * an unknown path, and every API path, still answers its 404.
 *
 * <p>Caching: {@code /vendor/<lib>-<version>/} never changes under a name, so browsers keep it for a year; the
 * app's own files are revalidated on every load ({@code no-cache}), so an upgraded server is seen at once.
 */
public final class WebApp {

    /** The classpath folder of the app. */
    static final String ROOT = "/web";

    /** The app's page routes (client-side routed); each answers the shell page. */
    static final List<String> PAGES = List.of("/", "/login", "/dashboards", "/dashboards/{id}", "/explore",
            "/alarms", "/alarms/{page}", "/admin", "/admin/{page}");

    static final String NO_CACHE = "no-cache";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private WebApp() {
    }

    /** Adds the static files and the page routes to a Javalin configuration. */
    public static void install(JavalinConfig cfg) {
        byte[] shell = read(ROOT + "/index.html");
        cfg.staticFiles.add(sf -> {
            sf.hostedPath = "/vendor";
            sf.directory = ROOT + "/vendor";
            sf.location = Location.CLASSPATH;
            sf.precompress = true; // the libraries are the largest files: compress once, keep in memory
            sf.headers = Map.of("Cache-Control", IMMUTABLE);
        });
        cfg.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = ROOT;
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of("Cache-Control", NO_CACHE);
            // the vendor folder is served above with its own headers
            sf.skipFileFunction = req -> req.getRequestURI().startsWith("/vendor/");
        });
        cfg.router.mount(router -> {
            for (String page : PAGES) {
                router.get(page, ctx -> shell(ctx, shell));
            }
        });
    }

    private static void shell(Context ctx, byte[] shell) {
        ctx.header("Cache-Control", NO_CACHE).contentType("text/html; charset=utf-8").result(shell);
    }

    private static byte[] read(String resource) {
        try (InputStream in = WebApp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard is missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
