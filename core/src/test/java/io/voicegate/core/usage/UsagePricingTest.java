package io.voicegate.core.usage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UsagePricingTest {

    @Test
    void prices_openai_by_default_and_leaves_unknown_providers_unpriced() {
        var pricing = UsagePricing.defaults();
        var usage = new Usage(0, 0, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 0);
        assertThat(pricing.cost("openai", "gpt-realtime", usage)).isCloseTo(4 + 16 + 32 + 64, within(1e-9));
        assertThat(pricing.isPriced("elevenlabs", "")).isFalse();
        assertThat(pricing.cost("elevenlabs", "", usage)).isZero();
    }

    @Test
    void configured_entries_override_and_extend_the_defaults() {
        var pricing = UsagePricing.parse("elevenlabs/*:audio_minute_in=0.10; openai/gpt-realtime-mini:audio_in=10,audio_out=20");
        assertThat(pricing.cost("elevenlabs", "", new Usage(120, 120, 0, 0, 0, 0, 0))).isCloseTo(0.20, within(1e-9));
        assertThat(pricing.cost("openai", "gpt-realtime-mini", new Usage(0, 0, 0, 0, 1_000_000, 0, 0))).isCloseTo(10, within(1e-9));
        assertThat(pricing.cost("openai", "gpt-realtime", new Usage(0, 0, 0, 0, 1_000_000, 0, 0))).isCloseTo(32, within(1e-9));
    }

    @Test
    void a_malformed_entry_is_refused_saying_which() {
        assertThatThrownBy(() -> UsagePricing.parse("openai:audio_in=1")).hasMessageContaining("provider/model");
        assertThatThrownBy(() -> UsagePricing.parse("openai/*:audio_in=cheap")).hasMessageContaining("audio_in=cheap");
        assertThatThrownBy(() -> UsagePricing.parse("openai/*:gold=1")).hasMessageContaining("gold");
        assertThatThrownBy(() -> UsagePricing.parse("openai/*:audio_in=-1")).hasMessageContaining("non-negative");
    }
}
