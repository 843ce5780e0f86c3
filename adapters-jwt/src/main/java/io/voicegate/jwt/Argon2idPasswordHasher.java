package io.voicegate.jwt;

import io.voicegate.core.identity.Password;
import io.voicegate.core.identity.PasswordHash;
import io.voicegate.core.identity.PasswordHasher;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Argon2id (RFC 9106) by BouncyCastle's pure-Java implementation, stored as a PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. A stored hash keeps its own parameters, so raising the cost
 * later still verifies old hashes. Thread-safe.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    /** The OWASP minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final Argon2idPasswordHasher OWASP = new Argon2idPasswordHasher(19 * 1024, 2, 1);

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public Argon2idPasswordHasher(int memoryKiB, int iterations, int parallelism) {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id needs memory >= 8 KiB per lane and at least one pass");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    @Override
    public PasswordHash hash(Password password) {
        var salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        var hash = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        var b64 = Base64.getEncoder().withoutPadding();
        return new PasswordHash("$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash));
    }

    @Override
    public boolean matches(Password password, PasswordHash stored) {
        var m = PHC.matcher(stored.encoded());
        if (!m.matches()) return false;
        try {
            int memory = Integer.parseInt(m.group(1));
            int passes = Integer.parseInt(m.group(2));
            int lanes = Integer.parseInt(m.group(3));
            if (memory < 8 * lanes || passes < 1 || lanes < 1) return false;
            var salt = Base64.getDecoder().decode(m.group(4));
            var expected = Base64.getDecoder().decode(m.group(5));
            var actual = derive(password, salt, memory, passes, lanes, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] derive(Password password, byte[] salt, int memory, int passes, int lanes, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        var out = new byte[length];
        generator.generateBytes(password.value().getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
