package io.voicegate.core.identity;

import java.util.Objects;
import java.util.Optional;

/** A user with how they may sign in: a password hash, an external identity, or both. Only stores and use cases see it. */
public record Account(User user, Optional<PasswordHash> password, Optional<ExternalIdentity> external) {

    public Account {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(external, "external");
    }

    public static Account withPassword(User user, PasswordHash hash) {
        return new Account(user, Optional.of(hash), Optional.empty());
    }

    public static Account external(User user, ExternalIdentity identity) {
        return new Account(user, Optional.empty(), Optional.of(identity));
    }
}
