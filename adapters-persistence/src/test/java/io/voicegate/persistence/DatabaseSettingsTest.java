package io.voicegate.persistence;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSettingsTest {

    @Test
    void postgres_urls_in_both_forms_become_jdbc_urls() {
        var plain = DatabaseSettings.fromUrl("postgres://alice:s3cret@localhost/voice?sslmode=require", 5);
        assertThat(plain.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/voice?sslmode=require");
        assertThat(plain.user()).isEqualTo("alice");
        assertThat(plain.password()).isEqualTo("s3cret");
        assertThat(plain.isPostgres()).isTrue();

        var jdbc = DatabaseSettings.fromUrl("jdbc:postgresql://db:5432/voice?user=a&password=b", 5);
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/voice?user=a&password=b");
        assertThat(jdbc.redactedUrl()).doesNotContain("password=b");
    }

    @Test
    void the_password_never_shows_in_to_string_or_errors() {
        var settings = DatabaseSettings.fromUrl("postgresql://alice:s3cret@localhost:5432/voice", 5);
        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> DatabaseSettings.fromUrl("mysql://alice:s3cret@localhost/voice", 5))
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void the_embedded_database_lives_under_the_data_directory_in_postgresql_mode() {
        var settings = DatabaseSettings.embedded(Path.of("/srv/vg/data"), 3);
        assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:file:/srv/vg/data/voicegate;").contains("MODE=PostgreSQL");
        assertThat(settings.isPostgres()).isFalse();
    }
}
