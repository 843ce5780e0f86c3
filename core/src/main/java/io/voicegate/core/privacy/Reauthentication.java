package io.voicegate.core.privacy;

import io.voicegate.core.identity.UserId;

/**
 * What re-authentication needs to know about local accounts, implemented by the identity store. Thread-safe;
 * implementations compare passwords in constant time and never log them.
 */
public interface Reauthentication {

    /** Whether the user signs in with a Voicegate password (rather than an external identity provider). */
    boolean hasPassword(UserId user);

    /** Whether the password is the user's current one; false for users without a password. */
    boolean passwordMatches(UserId user, String password);
}
