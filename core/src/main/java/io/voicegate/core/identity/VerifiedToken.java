package io.voicegate.core.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a cryptographically verified token says: who issued it, about whom, when. Whether that person is (still) a
 * user is decided by {@link VerifyBearerToken}.
 *
 * @param email an external token's email claim, used only to fill in a new account
 */
public record VerifiedToken(Source source, String issuer, String subject, Instant issuedAt, Optional<String> email) {

    /** Whose token: one Voicegate signed, or one an accepted external identity provider signed. */
    public enum Source { VOICEGATE, EXTERNAL }

    public VerifiedToken {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(email, "email");
    }
}
