package io.voicegate.core.identity;

import java.util.Objects;

/** A self-describing password hash (e.g. a PHC string {@code $argon2id$v=19$...}); never printed. */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
    }

    @Override
    public String toString() {
        return "PasswordHash[***]";
    }
}
