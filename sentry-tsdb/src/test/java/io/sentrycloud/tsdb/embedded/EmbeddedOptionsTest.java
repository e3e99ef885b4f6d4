package io.sentrycloud.tsdb.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        EmbeddedOptions o = EmbeddedOptions.defaults(Path.of("data"));
        assertThat(o.fsync().isEveryBatch()).isTrue();
        assertThat(o.maxActiveSeries()).isEqualTo(1_000_000);
        assertThat(o.keepDays()).isEqualTo(60);
        assertThat(o.keepMillis()).isEqualTo(60L * 86_400_000L);
    }

    @Test
    void badValuesAreRefusedByName() {
        EmbeddedOptions o = EmbeddedOptions.defaults(Path.of("data"));
        assertThatThrownBy(() -> o.withMaxActiveSeries(0)).hasMessageContaining("maxActiveSeries");
        assertThatThrownBy(() -> o.withQueryLimits(10, -1)).hasMessageContaining("maxPointsPerQuery");
        assertThatThrownBy(() -> o.withKeepDays(0)).hasMessageContaining("keepDays");
    }

    @Test
    void fsyncPolicyParsesBatchAndPeriods() {
        assertThat(FsyncPolicy.parse("batch")).isEqualTo(FsyncPolicy.everyBatch());
        assertThat(FsyncPolicy.parse("100ms")).isEqualTo(FsyncPolicy.everyMillis(100));
        assertThat(FsyncPolicy.parse(" 2s ")).isEqualTo(FsyncPolicy.everyMillis(2000));
        assertThat(FsyncPolicy.parse("250")).isEqualTo(FsyncPolicy.everyMillis(250));
        assertThatThrownBy(() -> FsyncPolicy.parse("often")).hasMessageContaining("'often'")
                .hasMessageContaining("batch");
        assertThatThrownBy(() -> FsyncPolicy.parse("0ms")).hasMessageContaining("positive");
    }
}
