package io.voicegate.core.identity;

/**
 * Checks a bearer token's signature, algorithm, headers, issuer, audience and times, and says what it claims.
 * Thread-safe. Any token that fails any check throws {@link Unauthenticated} with a message that helps no attacker.
 */
@FunctionalInterface
public interface TokenDecoder {

    VerifiedToken decode(String token);
}
