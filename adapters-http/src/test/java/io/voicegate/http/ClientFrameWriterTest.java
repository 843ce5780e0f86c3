package io.voicegate.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFrameWriterTest {

    @Test
    void masking_eight_bytes_at_a_time_matches_the_rfc_byte_by_byte_at_every_length_and_offset() {
        var random = new Random(42);
        for (int length = 0; length < 40; length++) {
            for (int from = 0; from < 10; from++) {
                var bytes = new byte[from + length];
                random.nextBytes(bytes);
                int key = random.nextInt();
                var expected = bytes.clone();
                for (int i = 0; i < length; i++) expected[from + i] ^= (byte) (key >>> (24 - 8 * (i % 4)));

                ClientFrameWriter.mask(bytes, from, key);

                assertThat(bytes).as("length %d from %d", length, from).isEqualTo(expected);
            }
        }
    }

    @Test
    void a_close_reason_is_cut_to_123_bytes_without_splitting_a_character() {
        var reason = "ü".repeat(100); // 200 bytes of UTF-8
        var cut = SocketUpstreamLink.closeReason(reason);
        assertThat(cut.length).isEqualTo(122);
        assertThat(new String(cut, StandardCharsets.UTF_8)).isEqualTo("ü".repeat(61));
        assertThat(SocketUpstreamLink.closeReason("relay ended")).isEqualTo("relay ended".getBytes(StandardCharsets.UTF_8));
    }
}
