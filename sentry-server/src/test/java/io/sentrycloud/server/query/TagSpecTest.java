package io.sentrycloud.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentrycloud.server.http.ApiCode;
import io.sentrycloud.server.http.ApiException;
import io.sentrycloud.tsdb.SeriesKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagSpecTest {

    @Test
    void splitsTheOriginalsTagSyntax() {
        TagSpec spec = TagSpec.parse(Map.of("dc", "eu||us", "!=host", "web1", "api", "*", "path", "/v1*",
                "env", "prod"), 16);
        assertThat(spec.starKeys()).containsExactly("api", "path");
        assertThat(spec.prefixes()).containsEntry("api", "").containsEntry("path", "/v1");
        assertThat(spec.fixed()).containsOnly(Map.entry("dc", "eu||us"), Map.entry("!=host", "web1"),
                Map.entry("env", "prod"));
        SeriesKey good = SeriesKey.of("m", Map.of("dc", "us", "host", "web2", "api", "get", "path", "/v1/x",
                "env", "prod"));
        SeriesKey noHostTag = SeriesKey.of("m", Map.of("dc", "eu", "api", "get", "path", "/v1", "env", "prod"));
        SeriesKey web1 = SeriesKey.of("m", Map.of("dc", "us", "host", "web1", "api", "get", "path", "/v1",
                "env", "prod"));
        SeriesKey otherPath = SeriesKey.of("m", Map.of("dc", "us", "api", "get", "path", "/v2", "env", "prod"));
        assertThat(spec.filters()).allMatch(f -> f.matches(good)).allMatch(f -> f.matches(noHostTag));
        assertThat(spec.filters()).anyMatch(f -> !f.matches(web1)).anyMatch(f -> !f.matches(otherPath));
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> TagSpec.parse(Map.of("a", "1", "b", "2"), 1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.TOO_MANY_TAGS));
        assertThatThrownBy(() -> TagSpec.parse(Map.of("*", "*"), 16))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.STAR_KEYS));
        assertThatThrownBy(() -> TagSpec.parse(Map.of("a", ""), 16)).hasMessageContaining("empty key or value");
    }
}
