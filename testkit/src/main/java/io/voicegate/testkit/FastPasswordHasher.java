package io.voicegate.testkit;

import io.voicegate.core.identity.Password;
import io.voicegate.core.identity.PasswordHash;
import io.voicegate.core.identity.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A salted SHA-256 "hasher" that is fast on purpose: for tests only, never for real passwords. Counts comparisons. */
public final class FastPasswordHasher implements PasswordHasher {

    private final SecureRandom random = new SecureRandom();
    private final java.util.concurrent.atomic.AtomicInteger comparisons = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public PasswordHash hash(Password password) {
        var salt = new byte[8];
        random.nextBytes(salt);
        var hexSalt = HexFormat.of().formatHex(salt);
        return new PasswordHash("$test$" + hexSalt + "$" + digest(hexSalt, password));
    }

    @Override
    public boolean matches(Password password, PasswordHash hash) {
        comparisons.incrementAndGet();
        var parts = hash.encoded().split("\\$");
        if (parts.length != 4 || !parts[1].equals("test")) return false;
        return MessageDigest.isEqual(parts[3].getBytes(StandardCharsets.US_ASCII),
                digest(parts[2], password).getBytes(StandardCharsets.US_ASCII));
    }

    /** How many times {@link #matches} ran (an unknown email must cost one too). */
    public int comparisons() {
        return comparisons.get();
    }

    private static String digest(String salt, Password password) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest(password.value().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
