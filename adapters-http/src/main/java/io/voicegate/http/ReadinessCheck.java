package io.voicegate.http;

import java.util.Optional;

/** One dependency {@code /ready} asks about (the database, ...). Thread-safe; must answer within a second or two. */
public interface ReadinessCheck {

    String name();

    /** Empty when ready, otherwise a client-safe reason (never a URL with credentials, never a stack trace). */
    Optional<String> problem();
}
