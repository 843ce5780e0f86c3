package io.voicegate.core.identity;

import java.util.Optional;

/**
 * Accounts. Thread-safe; each call is atomic. Emails are stored normalised and are unique; an external identity
 * (issuer, subject) belongs to at most one user.
 */
public interface UserStore {

    /** @throws AccountExists when the email or the external identity is taken (also under a concurrent insert) */
    void add(Account account);

    Optional<User> find(UserId id);

    Optional<Account> findByEmail(Email email);

    Optional<User> findByExternal(ExternalIdentity identity);

    /** Deletes the account; its refresh tokens go with it. False when there was none. */
    boolean delete(UserId id);
}
