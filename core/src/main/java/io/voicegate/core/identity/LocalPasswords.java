package io.voicegate.core.identity;

import io.voicegate.core.privacy.Reauthentication;

import java.util.Objects;

/**
 * What re-authentication asks of local accounts: whether a user has a Voicegate password, and whether a password is
 * theirs. A user without one still costs a full hash comparison, so the answer's timing says nothing. Thread-safe.
 */
public final class LocalPasswords implements Reauthentication {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordHash decoy;

    public LocalPasswords(UserStore users, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.decoy = hasher.hash(new Password("decoy-for-accounts-without-a-password"));
    }

    @Override
    public boolean hasPassword(UserId user) {
        return account(user).flatMap(Account::password).isPresent();
    }

    @Override
    public boolean passwordMatches(UserId user, String password) {
        var stored = account(user).flatMap(Account::password);
        return hasher.matches(new Password(password), stored.orElse(decoy)) && stored.isPresent();
    }

    private java.util.Optional<Account> account(UserId user) {
        return users.find(user).flatMap(User::email).flatMap(users::findByEmail)
                .filter(account -> account.user().id().equals(user));
    }
}
