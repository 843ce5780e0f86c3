package io.voicegate.core.identity;

import java.util.Objects;

/** The account of an authenticated caller ({@code /me}). */
public final class ShowCurrentUser {

    private final UserStore users;

    public ShowCurrentUser(UserStore users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /** @throws Unauthenticated when the account no longer exists */
    public User handle(Principal principal) {
        return users.find(principal.user()).orElseThrow(Unauthenticated::new);
    }
}
