package io.voicegate.launcher.config;

import io.voicegate.persistence.DatabaseSettings;

import java.nio.file.Path;
import java.util.List;

/** Which database: the embedded H2 file by default, PostgreSQL when DATABASE_URL names one. */
public final class DatabaseConfig {

    public static final Variable DATABASE_URL = new Variable("DATABASE_URL", "",
            "Empty: embedded H2 under DATA_DIR. jdbc:postgresql://... or postgresql://user:pass@host:port/db: PostgreSQL.",
            "postgresql://voicegate:secret@db:5432/voicegate", true);
    public static final Variable DATABASE_POOL_SIZE = Variable.of("DATABASE_POOL_SIZE", "10",
            "Maximum connections in the pool.", "20");

    public static final List<Variable> VARIABLES = List.of(DATABASE_URL, DATABASE_POOL_SIZE);

    private DatabaseConfig() {
    }

    public static DatabaseSettings from(Env env, Path dataDir) {
        int poolSize = env.integer(DATABASE_POOL_SIZE, 1, 500);
        var url = env.optional(DATABASE_URL);
        if (url.isEmpty()) return DatabaseSettings.embedded(dataDir, poolSize);
        try {
            return DatabaseSettings.fromUrl(url.get(), poolSize);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(DATABASE_URL, e.getMessage().replaceFirst("^expected ", ""));
        }
    }
}
