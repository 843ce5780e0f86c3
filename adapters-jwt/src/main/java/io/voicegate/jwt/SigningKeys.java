package io.voicegate.jwt;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Voicegate's Ed25519 signing keys, one file per key pair in a directory only the owner may read. The first start
 * generates a pair; later starts reuse it. {@link #rotate()} adds a new pair that signs from then on; an older key
 * keeps verifying until every token it could have signed has expired (its successor's creation + the token
 * lifetime + leeway), then drops out of verification and of the JWKS. Thread-safe.
 */
public final class SigningKeys {

    /** One key pair and when it was made. {@code kid} is derived from the public key. */
    public record KeyPairEntry(String kid, PublicKey publicKey, PrivateKey privateKey, Instant createdAt) {
        @Override
        public String toString() {
            return "KeyPairEntry[kid=" + kid + ", createdAt=" + createdAt + ", privateKey=***]";
        }

        /** The 32 raw bytes of the Ed25519 public key (the JWK {@code x}). */
        public byte[] rawPublicKey() {
            var encoded = publicKey.getEncoded();
            return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        }
    }

    private static final String SUFFIX = ".ed25519.key";

    private final Path dir;
    private final Clock clock;
    private final Duration keepVerifying;
    private volatile List<KeyPairEntry> keys;

    private SigningKeys(Path dir, Clock clock, Duration keepVerifying, List<KeyPairEntry> keys) {
        this.dir = dir;
        this.clock = clock;
        this.keepVerifying = keepVerifying;
        this.keys = List.copyOf(keys);
    }

    /**
     * Loads every key pair in {@code dir}, creating the directory (owner-only) and a first pair when there is none.
     *
     * @param tokenLifetime how long a token signed by a retired key may still be valid (leeway is added)
     * @throws UncheckedIOException when the directory or a key file cannot be read or written
     */
    public static SigningKeys loadOrCreate(Path dir, Clock clock, Duration tokenLifetime) {
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            var loaded = new ArrayList<KeyPairEntry>();
            try (var files = Files.list(dir)) {
                for (var file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    loaded.add(read(file));
                }
            }
            loaded.sort(Comparator.comparing(KeyPairEntry::createdAt));
            var keys = new SigningKeys(dir, clock, tokenLifetime.plus(VoicegateTokens.LEEWAY), loaded);
            if (loaded.isEmpty()) keys.rotate();
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("JWT key directory " + dir + " cannot be used", e);
        }
    }

    /** Generates and stores a new key pair, which signs from now on. */
    public synchronized KeyPairEntry rotate() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            var createdAt = clock.instant();
            var entry = new KeyPairEntry(kidOf(pair.getPublic()), pair.getPublic(), pair.getPrivate(), createdAt);
            write(entry);
            var next = new ArrayList<>(keys);
            next.add(entry);
            keys = List.copyOf(next);
            return entry;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        } catch (IOException e) {
            throw new UncheckedIOException("JWT key directory " + dir + " cannot be written", e);
        }
    }

    /** Rotates when the active pair is at least {@code maxAge} old (checked at start); returns the new pair if any. */
    public synchronized Optional<KeyPairEntry> rotateIfOlderThan(Duration maxAge) {
        if (clock.instant().isBefore(active().createdAt().plus(maxAge))) return Optional.empty();
        return Optional.of(rotate());
    }

    /** The newest pair: it signs every new token. */
    public KeyPairEntry active() {
        var all = keys;
        return all.get(all.size() - 1);
    }

    /** The public keys that still verify, oldest first (what the JWKS publishes). */
    public List<KeyPairEntry> verifying() {
        var all = keys;
        var now = clock.instant();
        var result = new ArrayList<KeyPairEntry>();
        for (int i = 0; i < all.size(); i++) {
            boolean retiredLongEnough = i + 1 < all.size() && !now.isBefore(all.get(i + 1).createdAt().plus(keepVerifying));
            if (!retiredLongEnough) result.add(all.get(i));
        }
        return result;
    }

    public Optional<PublicKey> verifyingKey(String kid) {
        return verifying().stream().filter(k -> k.kid().equals(kid)).map(KeyPairEntry::publicKey).findFirst();
    }

    private void write(KeyPairEntry entry) throws IOException {
        var properties = new Properties();
        properties.setProperty("kid", entry.kid());
        properties.setProperty("created_at", entry.createdAt().toString());
        properties.setProperty("public", Base64.getEncoder().encodeToString(entry.publicKey().getEncoded()));
        properties.setProperty("private", Base64.getEncoder().encodeToString(entry.privateKey().getEncoded()));
        var out = new java.io.StringWriter();
        properties.store(out, "Voicegate Ed25519 signing key; keep secret");
        var temp = Files.createTempFile(dir, "key", ".tmp");
        try {
            ownerOnly(temp, "rw-------");
            Files.writeString(temp, out.toString(), StandardCharsets.UTF_8);
            var name = entry.createdAt().toString().replace(':', '-') + "_" + entry.kid() + SUFFIX;
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static KeyPairEntry read(Path file) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        try {
            var factory = KeyFactory.getInstance("Ed25519");
            var publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(properties, "public", file)));
            var privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(properties, "private", file)));
            var createdAt = Instant.parse(properties.getProperty("created_at", ""));
            return new KeyPairEntry(kidOf(publicKey), publicKey, privateKey, createdAt);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("key file " + file.getFileName() + " is not a Voicegate Ed25519 key", e);
        }
    }

    private static byte[] decode(Properties properties, String name, Path file) throws IOException {
        var value = properties.getProperty(name);
        if (value == null) throw new IOException("key file " + file.getFileName() + " has no " + name);
        return Base64.getDecoder().decode(value);
    }

    /** A stable, non-secret key id: the first 16 bytes of the public key's SHA-256, base64url. */
    static String kidOf(PublicKey key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
