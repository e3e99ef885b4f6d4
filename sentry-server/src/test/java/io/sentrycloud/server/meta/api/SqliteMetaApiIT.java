package io.sentrycloud.server.meta.api;

import java.util.List;

/** The metadata REST API on the default back end, a SQLite file in the data directory. */
class SqliteMetaApiIT extends MetaApiContract {

    @Override
    List<String> metaFlags() {
        return List.of("--meta.type=sqlite");
    }
}
