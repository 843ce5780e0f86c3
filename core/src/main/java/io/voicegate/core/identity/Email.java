package io.voicegate.core.identity;

import io.voicegate.core.InvalidField;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** An email address, trimmed and lower-cased so that one mailbox is one account. */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    public Email {
        Objects.requireNonNull(value, "value");
        if (value.length() > 320 || !SHAPE.matcher(value).matches()) {
            throw new InvalidField("/email", "Field 'email' must be an email address.");
        }
    }

    /** Normalises (trim, lower case) then validates; throws {@link InvalidField} naming {@code email}. */
    public static Email of(String text) {
        if (text == null) throw new InvalidField("/email", "Field 'email' is required.");
        return new Email(text.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
