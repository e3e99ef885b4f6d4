package io.sentrycloud.server.meta.api;

import io.sentrycloud.server.meta.store.MariaDbExtension;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metadata REST API on a real MariaDB server (started for the test run, stopped after). */
class MariaDbMetaApiIT extends MetaApiContract {

    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    @Override
    List<String> metaFlags() {
        return List.of("--meta.type=mariadb", "--meta.url=" + MARIADB.server().newDatabase(), "--meta.user=root");
    }
}
