package io.voicegate.core;

import java.util.UUID;

/** Source of identifiers, a port so that rules and tests never guess ids. Implementations are thread-safe. */
@FunctionalInterface
public interface IdGenerator {

    UUID next();

    /** Random (version 4) UUIDs from a cryptographically strong source. */
    static IdGenerator random() {
        return UUID::randomUUID;
    }
}
