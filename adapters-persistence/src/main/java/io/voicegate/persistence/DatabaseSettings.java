package io.voicegate.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the database: a JDBC URL, credentials and a pool size. {@link #toString()} never shows the password.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1");
    }

    /** The embedded default: an H2 file database under {@code dataDir}, in PostgreSQL compatibility mode. */
    public static DatabaseSettings embedded(Path dataDir, int poolSize) {
        var file = dataDir.toAbsolutePath().resolve("voicegate").toString().replace('\\', '/');
        return new DatabaseSettings("jdbc:h2:file:" + file + ";" + H2_MODE, "sa", "", poolSize);
    }

    /** An in-memory H2 database (tests), same compatibility mode as the embedded default. */
    public static DatabaseSettings inMemory(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;" + H2_MODE, "sa", "", 4);
    }

    static final String H2_MODE = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /**
     * Accepts {@code jdbc:postgresql://...}, {@code jdbc:h2:...} or {@code postgresql://user:pass@host:port/db}
     * (also {@code postgres://}).
     *
     * @throws IllegalArgumentException with a message that never contains the password
     */
    public static DatabaseSettings fromUrl(String url, int poolSize) {
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:")) {
            return new DatabaseSettings(url, "", "", poolSize);
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            try {
                var uri = new URI(url);
                if (uri.getHost() == null) throw new IllegalArgumentException("expected postgresql://user:pass@host:port/db");
                var user = "";
                var password = "";
                if (uri.getRawUserInfo() != null) {
                    var parts = uri.getRawUserInfo().split(":", 2);
                    user = decode(parts[0]);
                    password = parts.length > 1 ? decode(parts[1]) : "";
                }
                var port = uri.getPort() < 0 ? 5432 : uri.getPort();
                var db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
                var query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
                return new DatabaseSettings("jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + query,
                        user, password, poolSize);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("expected postgresql://user:pass@host:port/db (the URL does not parse)");
            }
        }
        throw new IllegalArgumentException("expected a jdbc:postgresql://, jdbc:h2: or postgresql:// URL");
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL with any password-like query parameter removed, safe to log. */
    public String redactedUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }
}
