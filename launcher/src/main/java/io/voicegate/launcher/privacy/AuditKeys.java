package io.voicegate.launcher.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The key of the audit trail's address hash: AUDIT_IP_HASH_KEY when set, otherwise a random key generated once
 * and kept in {@code DATA_DIR/keys/audit-ip-hash.key} (directory and file owner-only), so hashes stay comparable
 * across restarts. The key is never logged.
 */
public final class AuditKeys {

    static final String FILE = "audit-ip-hash.key";
    private static final int BYTES = 32;

    private AuditKeys() {
    }

    public static byte[] ipHashKey(Optional<byte[]> configured, Path dataDir) {
        if (configured.isPresent()) return configured.get();
        var dir = dataDir.resolve("keys");
        var file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) create(dir, file);
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit key " + file + " cannot be created or read", e);
        }
    }

    private static void create(Path dir, Path file) throws IOException {
        createOwnerOnlyDirectory(dir);
        var key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        var temp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            restrictToOwner(temp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            // Keep the key that is already there: hashes made with it must stay comparable.
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the audit key " + file + " is not base64; restore it or remove it to start afresh");
        }
        if (key.length < 16) throw new IllegalStateException("the audit key " + file + " is shorter than 16 bytes");
        return key;
    }

    private static void createOwnerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        restrictToOwner(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static void restrictToOwner(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the data directory's ACL; nothing portable to tighten here.
        }
    }
}
