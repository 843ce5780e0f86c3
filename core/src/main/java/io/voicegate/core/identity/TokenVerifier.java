package io.voicegate.core.identity;

/**
 * Verifies a bearer credential (a Voicegate access token or an accepted external identity token).
 *
 * <p>Thread-safe. Never returns null: a token that is not acceptable for any reason throws {@link Unauthenticated},
 * whose message helps no attacker.
 */
@FunctionalInterface
public interface TokenVerifier {

    Principal verify(String token);
}
