package io.sentrycloud.server.meta.store;

import io.sentrycloud.server.config.MetaConfig;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metadata database contract on a real MariaDB server (started for the test run, stopped after). */
class MariaDbMetaStoreIT extends MetaStoreContract {

    @RegisterExtension
    static final MariaDbExtension MARIADB = new MariaDbExtension();

    @Override
    MetaConfig newDatabase() {
        return new MetaConfig("mariadb", "", MARIADB.server().newDatabase(), "root", "", 4);
    }
}
