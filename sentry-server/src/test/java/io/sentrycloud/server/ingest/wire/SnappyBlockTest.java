package io.sentrycloud.server.ingest.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Snappy blocks as the reference implementation (snappy-java, the C++ library) writes them. */
class SnappyBlockTest {

    @Property(tries = 300)
    void inflatesWhatTheReferenceCompressed(@ForAll @Size(max = 5000) byte[] random, @ForAll boolean repetitive)
            throws IOException {
        byte[] data = repetitive ? (new String(random, StandardCharsets.ISO_8859_1).repeat(3) + "abcabcabcabc")
                .getBytes(StandardCharsets.ISO_8859_1) : random;
        assertThat(SnappyBlock.decompress(Snappy.compress(data), data.length)).isEqualTo(data);
    }

    @Test
    void longRunsUseEveryCopyKind() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append("series_").append(i % 977).append(i % 3 == 0 ? "x" : "yz");
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(SnappyBlock.decompress(Snappy.compress(data), data.length)).isEqualTo(data);
    }

    @Test
    void corruptOrOversizedBlocksFailWithAMessage() throws IOException {
        byte[] ok = Snappy.compress("hello hello hello hello".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SnappyBlock.decompress(ok, 5)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("more than the limit of 5");
        assertThatThrownBy(() -> SnappyBlock.decompress(new byte[0], 100)).hasMessageContaining("empty");
        // declares 3 bytes, then a copy from offset 1 with nothing written yet
        assertThatThrownBy(() -> SnappyBlock.decompress(new byte[] {3, 0b0000_0001, 1}, 100))
                .hasMessageContaining("outside the 0 bytes written");
        // declares 10 bytes, holds a 1-byte literal
        assertThatThrownBy(() -> SnappyBlock.decompress(new byte[] {10, 0, 'a'}, 100))
                .hasMessageContaining("declares 10 bytes but holds 1");
        assertThatThrownBy(() -> SnappyBlock.decompress(new byte[] {5, (byte) 0xF0, 'a'}, 100))
                .hasMessageContaining("literal");
    }

    @Property(tries = 500)
    void randomBytesNeverFailOtherwise(@ForAll @Size(max = 200) byte[] junk) {
        try {
            SnappyBlock.decompress(junk, 1 << 16);
        } catch (WireFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
