package io.voicegate.core.session;

import java.security.SecureRandom;

/** Source of fresh session references, a port so tests can name the reference they expect. Thread-safe. */
@FunctionalInterface
public interface SessionRefGenerator {

    SessionRef next();

    /** 128 bits from a {@link SecureRandom} per reference. */
    static SessionRefGenerator secure() {
        var random = new SecureRandom();
        return () -> SessionRef.random(random);
    }
}
