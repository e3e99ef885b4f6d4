package io.sentrycloud.server.meta.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionedRowsTest {

    @Test
    void containsPatternEscapesLikeWildcards() {
        assertThat(VersionedRows.containsPattern("Cpu")).isEqualTo("%cpu%");
        assertThat(VersionedRows.containsPattern("50%_done!")).isEqualTo("%50!%!_done!!%");
        assertThat(VersionedRows.containsPattern("'; DROP TABLE x; --")).isEqualTo("%'; drop table x; --%");
    }
}
