package io.sentrycloud.server.meta.store;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the run's shared {@link MariaDbServer}:
 * {@code @RegisterExtension static final MariaDbExtension MARIADB = new MariaDbExtension();}, then
 * {@code MARIADB.server()} from {@code @BeforeEach} on.
 */
public final class MariaDbExtension implements BeforeAllCallback {

    private MariaDbServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = MariaDbServer.shared(context);
    }

    public MariaDbServer server() {
        if (server == null) {
            throw new IllegalStateException("register MariaDbExtension as a static @RegisterExtension field");
        }
        return server;
    }
}
