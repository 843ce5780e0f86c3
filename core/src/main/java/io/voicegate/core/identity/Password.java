package io.voicegate.core.identity;

import io.voicegate.core.InvalidField;

import java.util.Objects;

/** A password as typed; never printed. At least 10 and at most 1024 characters (a bound keeps hashing cheap to refuse). */
public record Password(String value) {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 1024;

    public Password {
        Objects.requireNonNull(value, "value");
    }

    /** Checks the length rules of a new password; throws {@link InvalidField} naming {@code password}. */
    public Password requireAcceptableForNewAccount() {
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH) {
            throw new InvalidField("/password", "Field 'password' must be at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidField("/password", "Field 'password' must be at most " + MAX_LENGTH + " characters.");
        }
        return this;
    }

    @Override
    public String toString() {
        return "Password[***]";
    }
}
