package io.voicegate.core.identity;

import java.util.Objects;

/** Who an external identity provider says the caller is: its issuer and the subject it names. */
public record ExternalIdentity(String issuer, String subject) {

    public ExternalIdentity {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        if (issuer.isBlank() || subject.isBlank()) throw new IllegalArgumentException("issuer and subject are required");
        if (issuer.length() > 500 || subject.length() > 255) throw new IllegalArgumentException("issuer or subject too long");
    }
}
