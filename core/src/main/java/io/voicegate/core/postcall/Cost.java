package io.voicegate.core.postcall;

import java.math.BigDecimal;
import java.util.Objects;

/** What a call cost, in the provider's own unit (ElevenLabs: credits). */
public record Cost(BigDecimal amount, String unit) {

    public Cost {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
        if (amount.signum() < 0) throw new IllegalArgumentException("cost must not be negative");
    }
}
