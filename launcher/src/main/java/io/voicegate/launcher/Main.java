package io.voicegate.launcher;

import io.voicegate.launcher.config.ConfigException;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.Help;
import io.voicegate.launcher.config.LauncherConfig;
import io.voicegate.launcher.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.List;

/** Entry point of {@code voicegate.jar}: reads the configuration, starts the server, stops it cleanly on SIGTERM. */
public final class Main {

    private Main() {
    }

    /** {@code retention --now}: one sweep against the configured database; prints the counts; 0 on success. */
    static int retention(List<String> arguments) {
        if (!arguments.equals(List.of("retention", "--now"))) {
            System.err.println("voicegate: usage: java -jar voicegate.jar retention --now");
            return 2;
        }
        LauncherConfig config;
        try {
            config = LauncherConfig.from(Env.load(System.getenv(), Path.of("")));
        } catch (ConfigException e) {
            System.err.println("voicegate: configuration error: " + e.getMessage());
            return 2;
        }
        LogLevels.apply(config.server().logLevel());
        try {
            var result = Voicegate.sweepOnce(config);
            System.out.println("retention sweep removed " + result.total() + " rows: " + result.summary());
            return 0;
        } catch (RuntimeException e) {
            System.err.println("voicegate: retention sweep failed (" + reason(e) + ")");
            return 1;
        }
    }

    /** The failure's kind and, for a database error, its SQL state: never its message, which may carry SQL. */
    private static String reason(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql) {
                return e.getClass().getSimpleName() + ", SQL state " + sql.getSQLState();
            }
        }
        return e.getClass().getSimpleName();
    }

    public static void main(String[] args) {
        var arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(Help.text(LauncherConfig.variables()));
            return;
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("retention")) {
            System.exit(retention(arguments));
            return;
        }
        LauncherConfig config;
        try {
            var env = Env.load(System.getenv(), Path.of(""));
            if (arguments.contains("--simulate")) env = env.with(ServerConfig.SIMULATE.name(), "true");
            config = LauncherConfig.from(env);
        } catch (ConfigException e) {
            System.err.println("voicegate: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogLevels.apply(config.server().logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        Voicegate voicegate;
        try {
            voicegate = Voicegate.start(config);
        } catch (RuntimeException e) {
            log.error("Voicegate could not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        // SIGTERM/SIGINT: stop gracefully and exit 0 (a plain shutdown hook would leave exit code 143).
        for (var name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                voicegate.close();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(voicegate::close, "voicegate-shutdown"));
    }
}
