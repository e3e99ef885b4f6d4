package io.sentrycloud.server.meta;

import io.sentrycloud.server.config.MetaConfig;
import io.sentrycloud.server.meta.store.MariaDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The repository contract on a real MariaDB server (started for the test run, stopped after). */
class MariaDbRepositoryIT extends RepositoryContract {

    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    @Override
    MetaConfig newDatabase() {
        return new MetaConfig("mariadb", "", MARIADB.server().newDatabase(), "root", "", 8, "");
    }
}
