package io.voicegate.launcher.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LauncherConfigTest {

    @Test
    void no_configuration_at_all_means_http_8080_on_every_interface_and_embedded_h2_under_data() {
        var config = LauncherConfig.from(new Env(Map.of()));
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().tls().enabled()).isFalse();
        assertThat(config.database().jdbcUrl()).startsWith("jdbc:h2:file:").contains("/data/voicegate");
        assertThat(config.database().poolSize()).isEqualTo(10);
    }

    @Test
    void a_postgresql_url_switches_the_database() {
        var config = LauncherConfig.from(new Env(Map.of("DATABASE_URL", "postgresql://vg:p%40ss@db.internal:6543/voice",
                "DATABASE_POOL_SIZE", "20")));
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/voice");
        assertThat(config.database().user()).isEqualTo("vg");
        assertThat(config.database().password()).isEqualTo("p@ss");
        assertThat(config.database().poolSize()).isEqualTo(20);
        assertThat(config.database().toString()).doesNotContain("p@ss");
    }

    @Test
    void malformed_values_stop_start_up_naming_the_variable() {
        assertThatThrownBy(() -> LauncherConfig.from(new Env(Map.of("PORT", "eighty"))))
                .hasMessage("PORT: expected an integer from 0 to 65535, got 'eighty'");
        assertThatThrownBy(() -> LauncherConfig.from(new Env(Map.of("DATABASE_URL", "mysql://root:hunter2@x/db"))))
                .hasMessageStartingWith("DATABASE_URL: expected").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> LauncherConfig.from(new Env(Map.of("LOG_LEVEL", "LOUD"))))
                .hasMessageStartingWith("LOG_LEVEL: expected one of");
        assertThatThrownBy(() -> LauncherConfig.from(new Env(Map.of("TLS_CERT_FILE", "/x/cert.pem"))))
                .hasMessage("TLS_KEY_FILE: expected to be set together with TLS_CERT_FILE");
        assertThatThrownBy(() -> LauncherConfig.from(new Env(Map.of("DATABASE_POOL_SIZE", "0"))))
                .hasMessageStartingWith("DATABASE_POOL_SIZE: expected an integer from 1");
    }

    @Test
    void tls_is_on_with_files_or_a_self_signed_certificate() {
        var files = LauncherConfig.from(new Env(Map.of("TLS_CERT_FILE", "c.pem", "TLS_KEY_FILE", "k.pem")));
        assertThat(files.server().tls().enabled()).isTrue();
        assertThat(files.server().tls().port()).isEqualTo(8443);
        var selfSigned = LauncherConfig.from(new Env(Map.of("TLS_SELF_SIGNED", "true", "TLS_PORT", "9443")));
        assertThat(selfSigned.server().tls().selfSigned()).isTrue();
        assertThat(selfSigned.server().tls().port()).isEqualTo(9443);
    }
}
