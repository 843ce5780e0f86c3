package io.voicegate.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.VerifiedToken;
import io.voicegate.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * External identity providers, with keys this test generates and a JWKS served from loopback by the JDK's own
 * HTTP server: a Firebase-shaped RS256 token, Supabase-shaped ES256 (JWKS) and HS256 (shared secret) tokens.
 */
class ExternalTokensIT {

    static final String FIREBASE = "https://securetoken.google.com/voice-demo";
    static final String SUPABASE = "https://abcdefgh.supabase.co/auth/v1";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    private final List<String> jwks = new ArrayList<>(List.of("{\"keys\":[]}"));
    private final AtomicInteger served = new AtomicInteger();
    private HttpServer server;
    private KeyPair rsa;
    private KeyPair ec;
    private VoicegateTokens own;

    @BeforeEach
    void start() throws Exception {
        var rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        var ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
        jwks.set(0, "{\"keys\":[" + rsaJwk("rsa-1", (RSAPublicKey) rsa.getPublic()) + ","
                + ecJwk("ec-1", (ECPublicKey) ec.getPublic()) + "]}");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            served.incrementAndGet();
            var body = jwks.get(0).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        own = new VoicegateTokens(SigningKeys.loadOrCreate(dir, clock, Duration.ofMinutes(15)),
                "https://voice.example.com", "voicegate", Duration.ofMinutes(15), clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI jwksUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
    }

    private JwtTokenDecoder jwksDecoder(String issuer, String audience) {
        return new JwtTokenDecoder(own, Optional.of(new ExternalIssuer(issuer, audience, Optional.of(jwksUrl()), Optional.empty())),
                HttpClient.newHttpClient(), clock);
    }

    private static final byte[] SECRET = "super-secret-jwt-token-with-at-least-32-characters-long".getBytes(StandardCharsets.UTF_8);

    private JwtTokenDecoder supabaseSecretDecoder() {
        return new JwtTokenDecoder(own, Optional.of(new ExternalIssuer(SUPABASE, "authenticated", Optional.empty(),
                Optional.of(new ExternalIssuer.Secret(SECRET)))), HttpClient.newHttpClient(), clock);
    }

    private JWTCreator.Builder firebaseClaims() {
        return JWT.create().withKeyId("rsa-1").withIssuer(FIREBASE).withAudience("voice-demo").withSubject("firebase-uid-1")
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(3600)).withClaim("email", "ada@example.com");
    }

    private JWTCreator.Builder supabaseClaims() {
        return JWT.create().withIssuer(SUPABASE).withAudience("authenticated").withSubject("8d5b1a52-0000-4000-8000-000000000001")
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(3600)).withClaim("role", "authenticated");
    }

    private static void assertRefused(JwtTokenDecoder decoder, String token) {
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(Unauthenticated.class)
                .hasMessage("Authentication required or the credential is not valid.");
    }

    @Test
    void accepts_a_firebase_shaped_rs256_token_from_the_jwks() {
        var token = firebaseClaims().sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        var verified = jwksDecoder(FIREBASE, "voice-demo").decode(token);
        assertThat(verified.source()).isEqualTo(VerifiedToken.Source.EXTERNAL);
        assertThat(verified.issuer()).isEqualTo(FIREBASE);
        assertThat(verified.subject()).isEqualTo("firebase-uid-1");
    }

    @Test
    void accepts_a_supabase_shaped_es256_token_from_the_jwks() {
        var token = supabaseClaims().withKeyId("ec-1")
                .sign(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate()));
        assertThat(jwksDecoder(SUPABASE, "authenticated").decode(token).subject()).startsWith("8d5b1a52");
    }

    @Test
    void accepts_a_supabase_shaped_hs256_token_with_the_shared_secret() {
        var token = supabaseClaims().sign(Algorithm.HMAC256(SECRET));
        assertThat(supabaseSecretDecoder().decode(token).issuer()).isEqualTo(SUPABASE);
    }

    @Test
    void refuses_supabases_anon_key_as_a_user() {
        var anon = JWT.create().withIssuer(SUPABASE).withClaim("ref", "abcdefgh").withClaim("role", "anon")
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plus(Duration.ofDays(3650))).sign(Algorithm.HMAC256(SECRET));
        assertRefused(supabaseSecretDecoder(), anon);
        var anonWithEverything = supabaseClaims().withClaim("role", "anon").sign(Algorithm.HMAC256(SECRET));
        assertRefused(supabaseSecretDecoder(), anonWithEverything);
    }

    @Test
    void refuses_supabases_service_role_key_as_a_user() {
        var serviceRole = supabaseClaims().withClaim("role", "service_role").sign(Algorithm.HMAC256(SECRET));
        assertRefused(supabaseSecretDecoder(), serviceRole);
    }

    @Test
    void refuses_a_supabase_hs256_token_without_role() {
        var noRole = JWT.create().withIssuer(SUPABASE).withAudience("authenticated").withSubject("u")
                .withExpiresAt(clock.instant().plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        assertRefused(supabaseSecretDecoder(), noRole);
    }

    @Test
    void refuses_an_external_token_without_sub() {
        var token = JWT.create().withKeyId("rsa-1").withIssuer(FIREBASE).withAudience("voice-demo")
                .withExpiresAt(clock.instant().plusSeconds(60))
                .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        assertRefused(jwksDecoder(FIREBASE, "voice-demo"), token);
    }

    @Test
    void refuses_hs256_signed_with_the_providers_public_key_algorithm_confusion() {
        var confused = firebaseClaims().sign(Algorithm.HMAC256(rsa.getPublic().getEncoded()));
        assertRefused(jwksDecoder(FIREBASE, "voice-demo"), confused);
    }

    @Test
    void refuses_an_rs256_token_when_only_a_shared_secret_is_configured() {
        var token = supabaseClaims().withKeyId("rsa-1")
                .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        assertRefused(supabaseSecretDecoder(), token);
    }

    @Test
    void refuses_an_ecdsa_signature_of_zeros() {
        var token = supabaseClaims().withKeyId("ec-1")
                .sign(Algorithm.ECDSA256((ECPublicKey) ec.getPublic(), (ECPrivateKey) ec.getPrivate()));
        var parts = token.split("\\.");
        var zeros = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]);
        assertRefused(jwksDecoder(SUPABASE, "authenticated"), parts[0] + "." + parts[1] + "." + zeros);
    }

    @Test
    void refuses_a_wrong_external_audience() {
        var token = firebaseClaims().withAudience("another-project")
                .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        assertRefused(jwksDecoder(FIREBASE, "voice-demo"), token);
    }

    @Test
    void refuses_an_issuer_that_is_not_configured() {
        var token = firebaseClaims().withIssuer("https://securetoken.google.com/someone-else")
                .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        assertRefused(jwksDecoder(FIREBASE, "voice-demo"), token);
    }

    @Test
    void an_unknown_kid_refetches_the_jwks_at_most_once_a_minute() throws Exception {
        var decoder = jwksDecoder(FIREBASE, "voice-demo");
        var rotatedGenerator = KeyPairGenerator.getInstance("RSA");
        rotatedGenerator.initialize(2048);
        var rotated = rotatedGenerator.generateKeyPair();
        var signedByRotated = firebaseClaims().withKeyId("rsa-2")
                .sign(Algorithm.RSA256((RSAPublicKey) rotated.getPublic(), (RSAPrivateKey) rotated.getPrivate()));

        assertRefused(decoder, signedByRotated);
        assertThat(served.get()).isEqualTo(1);
        jwks.set(0, "{\"keys\":[" + rsaJwk("rsa-2", (RSAPublicKey) rotated.getPublic()) + "]}");
        for (int i = 0; i < 5; i++) assertRefused(decoder, signedByRotated);
        assertThat(served.get()).as("no refetch within the minute").isEqualTo(1);

        clock.advance(Duration.ofSeconds(61));
        assertThat(decoder.decode(signedByRotated).subject()).isEqualTo("firebase-uid-1");
        assertThat(served.get()).isEqualTo(2);
    }

    private static String rsaJwk(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"" + b64(key.getModulus())
                + "\",\"e\":\"" + b64(key.getPublicExponent()) + "\"}";
    }

    private static String ecJwk(String kid, ECPublicKey key) {
        return "{\"kty\":\"EC\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"ES256\",\"crv\":\"P-256\",\"x\":\""
                + b64(key.getW().getAffineX(), 32) + "\",\"y\":\"" + b64(key.getW().getAffineY(), 32) + "\"}";
    }

    private static String b64(BigInteger value) {
        var bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(BigInteger value, int length) {
        var bytes = value.toByteArray();
        var out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }
}
