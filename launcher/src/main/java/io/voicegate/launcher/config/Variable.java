package io.voicegate.launcher.config;

import java.util.Objects;

/**
 * One configuration variable: its name, default (empty = unset), what it means and an example. Secret variables
 * never have their value echoed, not even in an error message.
 */
public record Variable(String name, String defaultValue, String description, String example, boolean secret) {

    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
    }

    public static Variable of(String name, String defaultValue, String description, String example) {
        return new Variable(name, defaultValue, description, example, false);
    }

    public static Variable secret(String name, String description, String example) {
        return new Variable(name, "", description, example, true);
    }
}
