package io.voicegate.launcher.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthConfigTest {

    private static AuthConfig from(Map<String, String> values) {
        var env = new Env(values);
        return AuthConfig.from(env, ServerConfig.from(env));
    }

    @Test
    void defaults_follow_the_issue() {
        var config = from(Map.of());
        assertThat(config.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshTokenLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(config.keysDir()).isEqualTo(Path.of("./data").resolve("keys"));
        assertThat(config.issuer()).isEqualTo("voicegate");
        assertThat(config.cookies().accessName()).isEqualTo("auth_token");
        assertThat(config.cookies().refreshName()).isEqualTo("refresh_token");
        assertThat(config.cookies().secure()).isTrue();
        assertThat(config.cookies().sameSite()).isEqualTo("Lax");
        assertThat(config.cookies().domain()).isEmpty();
        assertThat(config.external()).isEmpty();
        assertThat(config.corsOrigins()).isEmpty();
        assertThat(config.limits().authPerAddress().events()).isEqualTo(20);
        assertThat(config.limits().mintingPerAddress().events()).isEqualTo(10);
        assertThat(config.limits().mintingPerUser().events()).isEqualTo(10);
    }

    @Test
    void the_keys_follow_data_dir_and_the_issuer_follows_public_url() {
        var config = from(Map.of("DATA_DIR", "/srv/vg", "PUBLIC_URL", "https://voice.example.com"));
        assertThat(config.keysDir()).isEqualTo(Path.of("/srv/vg/keys"));
        assertThat(config.issuer()).isEqualTo("https://voice.example.com");
    }

    @Test
    void origins_come_from_a_comma_list_a_json_list_and_allowed_origins() {
        var config = from(Map.of("CORS_ORIGINS", "https://a.example, http://localhost:5173",
                "ALLOWED_ORIGINS", "[\"https://b.example\",\"https://a.example\"]"));
        assertThat(config.corsOrigins()).containsExactly("https://a.example", "http://localhost:5173", "https://b.example");
    }

    @Test
    void a_wildcard_or_a_path_is_not_an_origin() {
        assertThatThrownBy(() -> from(Map.of("CORS_ORIGINS", "*"))).isInstanceOf(ConfigException.class).hasMessageStartingWith("CORS_ORIGINS");
        assertThatThrownBy(() -> from(Map.of("CORS_ORIGINS", "https://a.example/app"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void samesite_none_needs_secure_cookies() {
        assertThatThrownBy(() -> from(Map.of("AUTH_COOKIE_SAMESITE", "None", "AUTH_COOKIE_SECURE", "false")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AUTH_COOKIE_SAMESITE");
        assertThatThrownBy(() -> from(Map.of("AUTH_COOKIE_SAMESITE", "sometimes"))).isInstanceOf(ConfigException.class);
    }

    @Test
    void an_external_issuer_needs_exactly_one_way_to_check_signatures() {
        assertThatThrownBy(() -> from(Map.of("AUTH_EXTERNAL_ISSUER", "https://issuer.example")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AUTH_EXTERNAL_JWKS_URL");
        assertThatThrownBy(() -> from(Map.of("AUTH_EXTERNAL_JWKS_URL", "https://issuer.example/jwks.json")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AUTH_EXTERNAL_ISSUER");
        assertThatThrownBy(() -> from(Map.of("AUTH_EXTERNAL_ISSUER", "https://issuer.example",
                "AUTH_EXTERNAL_JWKS_URL", "https://issuer.example/jwks.json")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("AUTH_EXTERNAL_AUDIENCE");
        var jwks = from(Map.of("AUTH_EXTERNAL_ISSUER", "https://issuer.example",
                "AUTH_EXTERNAL_JWKS_URL", "https://issuer.example/jwks.json", "AUTH_EXTERNAL_AUDIENCE", "my-project"));
        assertThat(jwks.external().orElseThrow().jwksUrl()).isPresent();
    }

    @Test
    void a_short_hs256_secret_is_refused_without_echoing_it() {
        var values = new HashMap<>(Map.of("AUTH_EXTERNAL_ISSUER", "https://x.supabase.co/auth/v1",
                "AUTH_EXTERNAL_HS256_SECRET", "too-short-secret"));
        assertThatThrownBy(() -> from(values)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("AUTH_EXTERNAL_HS256_SECRET").hasMessageNotContaining("too-short-secret");
        values.put("AUTH_EXTERNAL_HS256_SECRET", "a-secret-that-is-long-enough-0123456789");
        var config = from(values);
        assertThat(config.external().orElseThrow().audience()).isEqualTo("authenticated");
        assertThat(config.toString()).doesNotContain("a-secret-that-is-long-enough");
    }

    @Test
    void trusted_proxies_must_be_addresses_or_ranges() {
        assertThat(from(Map.of("TRUSTED_PROXIES", "10.0.0.0/8, ::1")).trustedProxies()).containsExactly("10.0.0.0/8", "::1");
        assertThatThrownBy(() -> from(Map.of("TRUSTED_PROXIES", "proxy.internal")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("TRUSTED_PROXIES");
    }

    @Test
    void a_rate_limit_must_be_positive() {
        assertThatThrownBy(() -> from(Map.of("RATE_LIMIT_AUTH_PER_MINUTE", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("RATE_LIMIT_AUTH_PER_MINUTE");
    }

    @Test
    void every_variable_is_listed_for_help() {
        assertThat(LauncherConfig.variables()).extracting(Variable::name).contains("JWT_EXPIRATION_MINUTES", "JWT_KEYS_DIR",
                "REFRESH_TOKEN_DAYS", "AUTH_COOKIE_NAME", "REFRESH_COOKIE_NAME", "AUTH_COOKIE_DOMAIN", "AUTH_COOKIE_SECURE",
                "AUTH_COOKIE_SAMESITE", "AUTH_COOKIE_PATH", "AUTH_EXTERNAL_ISSUER", "AUTH_EXTERNAL_JWKS_URL",
                "AUTH_EXTERNAL_HS256_SECRET", "AUTH_EXTERNAL_AUDIENCE", "CORS_ORIGINS", "ALLOWED_ORIGINS",
                "RATE_LIMIT_SESSIONS_PER_MINUTE", "RATE_LIMIT_USER_SESSIONS_PER_MINUTE", "RATE_LIMIT_AUTH_PER_MINUTE",
                "TRUSTED_PROXIES");
    }
}
