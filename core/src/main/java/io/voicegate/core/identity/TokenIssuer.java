package io.voicegate.core.identity;

import java.time.Instant;

/** Signs access tokens for users. Thread-safe; throws only {@link IllegalStateException} when no key can sign. */
public interface TokenIssuer {

    AccessToken issue(UserId user, Instant issuedAt);
}
