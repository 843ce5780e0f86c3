package io.voicegate.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Applies LOG_LEVEL to Voicegate's own loggers; libraries stay at WARN unless DEBUG or TRACE is asked for. */
final class LogLevels {

    private LogLevels() {
    }

    static void apply(String level) {
        var parsed = Level.toLevel(level, Level.INFO);
        ((Logger) LoggerFactory.getLogger("io.voicegate")).setLevel(parsed);
        var libraries = parsed.isGreaterOrEqual(Level.INFO) ? Level.WARN : parsed;
        for (var name : new String[]{"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb", "org.jdbi"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(libraries);
        }
    }
}
