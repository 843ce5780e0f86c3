package io.voicegate.core.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Voicegate account as the rest of the system sees it: no password hash, no external subject.
 *
 * @param email normalised (see {@link Email}); empty for an account created from an external identity without one
 */
public record User(UserId id, Optional<Email> email, Optional<String> displayName, Instant createdAt) {

    public static final int MAX_DISPLAY_NAME = 200;

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
        if (displayName.filter(n -> n.length() > MAX_DISPLAY_NAME).isPresent()) {
            throw new IllegalArgumentException("displayName longer than " + MAX_DISPLAY_NAME);
        }
    }
}
