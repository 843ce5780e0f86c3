package io.voicegate.bench;

import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.VerifiedToken;
import io.voicegate.jwt.CachingTokenDecoder;
import io.voicegate.jwt.JwtTokenDecoder;
import io.voicegate.jwt.SigningKeys;
import io.voicegate.jwt.VoicegateTokens;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * Throughput of verifying one valid Voicegate access token (EdDSA signature through the JDK's Ed25519, header
 * checks, issuer, audience, times): what every authenticated request pays before any database lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessTokenVerificationBenchmark {

    private Path keysDir;
    private JwtTokenDecoder decoder;
    private CachingTokenDecoder cachingDecoder;
    private String token;
    private PublicKey publicKey;
    private byte[] signedContent;
    private byte[] signature;

    @Setup
    public void setUp() throws IOException {
        keysDir = Files.createTempDirectory("voicegate-bench-keys");
        var clock = Clock.systemUTC();
        var keys = SigningKeys.loadOrCreate(keysDir.resolve("keys"), clock, Duration.ofMinutes(15));
        var tokens = new VoicegateTokens(keys, "https://voice.example.com", "voicegate", Duration.ofHours(1), clock);
        decoder = new JwtTokenDecoder(tokens, Optional.empty(), HttpClient.newHttpClient(), clock);
        cachingDecoder = new CachingTokenDecoder(decoder, clock, 10_000, Duration.ofHours(2));
        token = tokens.issue(new UserId(UUID.randomUUID()), clock.instant()).value();
        publicKey = keys.active().publicKey();
        var parts = token.split("\\.");
        signedContent = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(parts[2]);
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.walk(keysDir)) {
            for (var path : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    @Benchmark
    public VerifiedToken verifyValidEdDsaToken() {
        return decoder.decode(token);
    }

    /** What the server pays per request once a token has been verified (the launcher wires this decoder). */
    @Benchmark
    public VerifiedToken verifyRepeatedTokenThroughCache() {
        return cachingDecoder.decode(token);
    }

    /** Baseline: the JDK's Ed25519 signature check alone, to show how much of the above it is. */
    @Benchmark
    public boolean jdkEd25519SignatureOnly() throws GeneralSecurityException {
        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(signedContent);
        return verifier.verify(signature);
    }
}
