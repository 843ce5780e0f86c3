package io.voicegate.core.identity;

import java.util.Objects;

/** The result of registering, logging in or refreshing: who, and their new tokens. */
public record SignedIn(User user, Tokens tokens) {

    public SignedIn {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tokens, "tokens");
    }
}
