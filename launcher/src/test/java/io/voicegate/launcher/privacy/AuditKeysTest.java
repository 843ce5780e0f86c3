package io.voicegate.launcher.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void an_unset_key_is_generated_once_kept_owner_only_and_reused() throws Exception {
        var first = AuditKeys.ipHashKey(Optional.empty(), dataDir);
        var second = AuditKeys.ipHashKey(Optional.empty(), dataDir);

        assertThat(first).hasSize(32).isEqualTo(second);
        var file = dataDir.resolve("keys").resolve(AuditKeys.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void a_configured_key_wins_and_nothing_is_written() {
        var configured = "a configured key of at least 32 chars".getBytes();
        assertThat(AuditKeys.ipHashKey(Optional.of(configured), dataDir)).isEqualTo(configured);
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void a_damaged_key_file_stops_start_up_instead_of_silently_changing_every_hash() throws Exception {
        Files.createDirectories(dataDir.resolve("keys"));
        Files.writeString(dataDir.resolve("keys").resolve(AuditKeys.FILE), "not base64 !!");
        assertThatThrownBy(() -> AuditKeys.ipHashKey(Optional.empty(), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not base64");
    }
}
