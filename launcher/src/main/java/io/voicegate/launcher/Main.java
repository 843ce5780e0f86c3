package io.voicegate.launcher;

import io.voicegate.launcher.config.ConfigException;
import io.voicegate.launcher.config.Env;
import io.voicegate.launcher.config.Help;
import io.voicegate.launcher.config.LauncherConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.List;

/** Entry point of {@code voicegate.jar}: reads the configuration, starts the server, stops it cleanly on SIGTERM. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        var arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(Help.text(LauncherConfig.variables()));
            return;
        }
        LauncherConfig config;
        try {
            config = LauncherConfig.from(Env.load(System.getenv(), Path.of("")));
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
