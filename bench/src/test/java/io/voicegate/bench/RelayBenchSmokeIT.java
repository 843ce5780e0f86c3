package io.voicegate.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay benchmark's smoke run: real sockets, direct and through the gateway; every frame arrives once, in order. */
class RelayBenchSmokeIT {

    @Test
    void relays_every_frame_once_and_in_order_in_both_directions() throws InterruptedException {
        var results = RelayBench.smoke(4);

        assertThat(results).extracting(LoadGenerator.Result::path).containsExactly("direct", "gateway");
        for (var result : results) {
            assertThat(result.failedSessions()).as("failed sessions, %s", result.path()).isZero();
            assertThat(result.lost()).as("lost frames, %s", result.path()).isZero();
            assertThat(result.duplicated()).as("duplicated frames, %s", result.path()).isZero();
            assertThat(result.reordered()).as("reordered frames, %s", result.path()).isZero();
            assertThat(result.framesDown()).as("echoed frames measured, %s", result.path()).isPositive();
            assertThat(result.up().count()).isEqualTo(result.down().count());
        }
    }
}
