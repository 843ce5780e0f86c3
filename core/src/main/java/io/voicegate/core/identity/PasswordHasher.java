package io.voicegate.core.identity;

/**
 * Hashes passwords with a slow, salted, memory-hard function. Thread-safe. {@link #matches} takes the same time
 * whether or not the password matches, and never throws for a malformed hash (it answers false).
 */
public interface PasswordHasher {

    PasswordHash hash(Password password);

    boolean matches(Password password, PasswordHash hash);
}
