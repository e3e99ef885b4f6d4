package io.sentrycloud.server.meta.store;

import io.sentrycloud.server.config.MetaConfig;

/** The metadata database contract on a SQLite file. */
class SqliteMetaStoreIT extends MetaStoreContract {

    @Override
    MetaConfig newDatabase() {
        return new MetaConfig("sqlite", dataDir.resolve("meta.db").toString(), "", "", "", 4);
    }
}
