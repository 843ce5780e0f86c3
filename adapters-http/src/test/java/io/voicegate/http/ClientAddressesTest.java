package io.voicegate.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    @Test
    void forwarded_for_is_ignored_unless_the_peer_is_a_trusted_proxy() {
        assertThat(ClientAddresses.direct().resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        var trusting = ClientAddresses.trusting(List.of("10.0.0.0/8"));
        assertThat(trusting.resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        var trusting = ClientAddresses.trusting(List.of("10.0.0.0/8", "::1"));
        assertThat(trusting.resolve("10.1.2.3", "1.1.1.1, 198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
        assertThat(trusting.resolve("0:0:0:0:0:0:0:1", "198.51.100.8")).isEqualTo("198.51.100.8");
    }

    @Test
    void a_forwarded_header_made_only_of_proxies_or_garbage_falls_back_sensibly() {
        var trusting = ClientAddresses.trusting(List.of("10.0.0.0/8"));
        assertThat(trusting.resolve("10.1.2.3", "10.4.4.4")).isEqualTo("10.1.2.3");
        assertThat(trusting.resolve("10.1.2.3", " , ")).isEqualTo("10.1.2.3");
        assertThat(trusting.resolve("10.1.2.3", "not-an-ip")).isEqualTo("not-an-ip");
    }

    @Test
    void a_bad_proxy_entry_is_named() {
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("proxy.example.com")))
                .hasMessageContaining("proxy.example.com");
    }
}
