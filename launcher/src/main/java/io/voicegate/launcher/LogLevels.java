package io.voicegate.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies LOG_LEVEL to Voicegate's own loggers; libraries stay at WARN unless DEBUG or TRACE is asked for. Jetty never
 * goes below INFO: its debug output prints whole request and response headers, credentials among them (the user's
 * token, the provider key on the relay's upstream handshake).
 */
final class LogLevels {

    private LogLevels() {
    }

    static void apply(String level) {
        var parsed = Level.toLevel(level, Level.INFO);
        ((Logger) LoggerFactory.getLogger("io.voicegate")).setLevel(parsed);
        var libraries = parsed.isGreaterOrEqual(Level.INFO) ? Level.WARN : parsed;
        for (var name : new String[]{"io.javalin", "com.zaxxer.hikari", "org.flywaydb", "org.jdbi"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(libraries);
        }
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(libraries == Level.WARN ? Level.WARN : Level.INFO);
    }
}
