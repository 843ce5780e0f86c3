package io.voicegate.launcher.config;

import io.voicegate.persistence.DatabaseSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the launcher reads from the environment, parsed and checked before anything starts.
 *
 * @param simulate {@code VOICEGATE_SIMULATE}: providers answer from built-in fakes (see {@code Simulation})
 */
public record LauncherConfig(ServerConfig server, DatabaseSettings database, PrivacyConfig privacy,
                             ElevenLabsConfig elevenLabs, AuthConfig auth, SessionConfig sessions,
                             OpenAiConfig openAi, boolean simulate) {

    /** Every variable, in the order {@code --help} and the README list them. */
    public static List<Variable> variables() {
        var all = new ArrayList<Variable>();
        all.addAll(ServerConfig.VARIABLES);
        all.addAll(DatabaseConfig.VARIABLES);
        all.addAll(PrivacyConfig.VARIABLES);
        all.addAll(ElevenLabsConfig.VARIABLES);
        all.addAll(AuthConfig.VARIABLES);
        all.addAll(SessionConfig.VARIABLES);
        all.addAll(OpenAiConfig.VARIABLES);
        return List.copyOf(all);
    }

    public static LauncherConfig from(Env env) {
        var server = ServerConfig.from(env);
        return new LauncherConfig(server, DatabaseConfig.from(env, server.dataDir()), PrivacyConfig.from(env),
                ElevenLabsConfig.from(env), AuthConfig.from(env, server), SessionConfig.from(env),
                OpenAiConfig.from(env), env.bool(ServerConfig.SIMULATE));
    }
}
