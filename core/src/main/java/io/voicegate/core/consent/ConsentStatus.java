package io.voicegate.core.consent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where a user stands on every purpose: what is required, what they last answered, and whether it is current. */
public record ConsentStatus(List<PurposeStatus> purposes) {

    /** One purpose: required or optional, the version required now, the user's latest answer. */
    public record PurposeStatus(Purpose purpose, boolean required, int requiredVersion, boolean granted,
                                Optional<Integer> grantedVersion, boolean upToDate) {
        public PurposeStatus {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(grantedVersion, "grantedVersion");
        }
    }

    public ConsentStatus {
        purposes = List.copyOf(purposes);
    }

    /** The status of one purpose. */
    public PurposeStatus of(Purpose purpose) {
        return purposes.stream().filter(p -> p.purpose() == purpose).findFirst()
                .orElseThrow(() -> new IllegalStateException("status lists every purpose"));
    }
}
