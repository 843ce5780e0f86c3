package io.voicegate.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.UserId;
import io.voicegate.core.identity.VerifiedToken;
import io.voicegate.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Voicegate's own EdDSA access tokens: what verifies, and every way a token must be refused. */
class VoicegateTokensTest {

    static final String ISSUER = "https://voice.example.com";
    static final String AUDIENCE = "voicegate";

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");
    private final UserId user = new UserId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private SigningKeys keys;
    private VoicegateTokens tokens;
    private JwtTokenDecoder decoder;

    @BeforeEach
    void setUp() {
        keys = SigningKeys.loadOrCreate(dir.resolve("keys"), clock, Duration.ofMinutes(15));
        tokens = new VoicegateTokens(keys, ISSUER, AUDIENCE, Duration.ofMinutes(15), clock);
        decoder = new JwtTokenDecoder(tokens, Optional.empty(), HttpClient.newHttpClient(), clock);
    }

    /** A correctly signed token with the given claims and extra header members. */
    private String signed(Map<String, Object> header, java.util.function.UnaryOperator<com.auth0.jwt.JWTCreator.Builder> claims) {
        var key = keys.active();
        var builder = JWT.create().withHeader(header).withKeyId(key.kid());
        return claims.apply(builder).sign(Ed25519Algorithm.signing(key.kid(), key.privateKey()));
    }

    private com.auth0.jwt.JWTCreator.Builder valid(com.auth0.jwt.JWTCreator.Builder b) {
        return b.withIssuer(ISSUER).withAudience(AUDIENCE).withSubject(user.toString())
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(900))
                .withClaim("token_use", "access");
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(Unauthenticated.class)
                .hasMessage("Authentication required or the credential is not valid.");
    }

    @Test
    void an_issued_token_verifies_as_a_voicegate_token_of_its_user() {
        var token = tokens.issue(user, clock.instant());
        var verified = decoder.decode(token.value());
        assertThat(verified.source()).isEqualTo(VerifiedToken.Source.VOICEGATE);
        assertThat(verified.subject()).isEqualTo(user.toString());
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        var header = new String(Base64.getUrlDecoder().decode(token.value().split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"EdDSA\"").contains("\"kid\":\"" + keys.active().kid() + "\"");
    }

    @Test
    void refuses_alg_none() {
        var unsigned = JWT.create().withKeyId(keys.active().kid()).withIssuer(ISSUER).withAudience(AUDIENCE)
                .withSubject(user.toString()).withExpiresAt(clock.instant().plusSeconds(60)).withClaim("token_use", "access")
                .sign(Algorithm.none());
        assertRefused(unsigned);
    }

    @Test
    void refuses_hs256_signed_with_the_public_key_algorithm_confusion() {
        var confused = JWT.create().withKeyId(keys.active().kid()).withIssuer(ISSUER).withAudience(AUDIENCE)
                .withSubject(user.toString()).withExpiresAt(clock.instant().plusSeconds(60)).withClaim("token_use", "access")
                .sign(Algorithm.HMAC256(keys.active().publicKey().getEncoded()));
        assertRefused(confused);
    }

    @Test
    void refuses_a_crit_header() {
        assertRefused(signed(Map.of("crit", java.util.List.of("exp")), this::valid));
    }

    @Test
    void refuses_a_jku_header() {
        assertRefused(signed(Map.of("jku", "https://attacker.example/jwks.json"), this::valid));
    }

    @Test
    void refuses_an_x5u_header() {
        assertRefused(signed(Map.of("x5u", "https://attacker.example/cert.pem"), this::valid));
    }

    @Test
    void refuses_an_embedded_jwk_header() {
        assertRefused(signed(Map.of("jwk", Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA")), this::valid));
    }

    @Test
    void refuses_a_wrong_issuer() {
        assertRefused(signed(Map.of(), b -> valid(b).withIssuer("https://other.example")));
    }

    @Test
    void refuses_a_wrong_audience() {
        assertRefused(signed(Map.of(), b -> valid(b).withAudience("someone-else")));
    }

    @Test
    void accepts_an_expired_token_within_the_60_second_leeway() {
        var token = signed(Map.of(), this::valid);
        clock.advance(Duration.ofSeconds(900 + 59));
        assertThat(decoder.decode(token).subject()).isEqualTo(user.toString());
    }

    @Test
    void refuses_an_expired_token_past_the_leeway() {
        var token = signed(Map.of(), this::valid);
        clock.advance(Duration.ofSeconds(900 + 61));
        assertRefused(token);
    }

    @Test
    void refuses_a_not_before_in_the_future() {
        assertRefused(signed(Map.of(), b -> valid(b).withNotBefore(clock.instant().plusSeconds(120))));
    }

    @Test
    void refuses_a_token_without_exp() {
        assertRefused(signed(Map.of(), b -> b.withIssuer(ISSUER).withAudience(AUDIENCE).withSubject(user.toString())
                .withClaim("token_use", "access")));
    }

    @Test
    void refuses_an_unknown_kid() {
        var key = keys.active();
        var token = valid(JWT.create().withKeyId("not-a-known-kid")).sign(Ed25519Algorithm.signing("x", key.privateKey()));
        assertRefused(token);
    }

    @Test
    void refuses_a_tampered_payload() {
        var parts = tokens.issue(user, clock.instant()).value().split("\\.");
        var other = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(user.toString(), "00000000-0000-4000-8000-000000000002").getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + other + "." + parts[2]);
    }

    @Test
    void refuses_a_tampered_header() {
        var parts = tokens.issue(user, clock.instant()).value().split("\\.");
        var header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).replace("\"typ\":\"JWT\"", "\"typ\":\"at+jwt\"");
        assertThat(header).contains("at+jwt");
        assertRefused(Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2]);
    }

    @Test
    void refuses_a_refresh_token_used_as_an_access_token() {
        assertRefused("rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]));
        assertRefused(signed(Map.of(), b -> valid(b).withClaim("token_use", "refresh")));
    }

    @Test
    void refuses_garbage_and_oversized_tokens() {
        assertRefused("not.a.jwt");
        assertRefused("x".repeat(10_000));
    }

    @Test
    void a_rotated_key_keeps_verifying_until_its_last_token_expires_then_drops_out() {
        var old = tokens.issue(user, clock.instant());
        var oldKid = keys.active().kid();
        keys.rotate();
        var fresh = tokens.issue(user, clock.instant());

        assertThat(decoder.decode(old.value()).subject()).isEqualTo(user.toString());
        assertThat(decoder.decode(fresh.value()).subject()).isEqualTo(user.toString());
        assertThat(new Jwks(keys).json()).contains(oldKid);

        clock.advance(Duration.ofMinutes(16).plusSeconds(1));
        assertThat(keys.verifyingKey(oldKid)).isEmpty();
        assertThat(new Jwks(keys).json()).doesNotContain(oldKid).contains(keys.active().kid());
    }

    @Test
    void keys_are_reused_on_the_next_start_and_readable_by_the_owner_only() throws Exception {
        var kid = keys.active().kid();
        var again = SigningKeys.loadOrCreate(dir.resolve("keys"), clock, Duration.ofMinutes(15));
        assertThat(again.active().kid()).isEqualTo(kid);

        var token = tokens.issue(user, clock.instant());
        var restarted = new JwtTokenDecoder(new VoicegateTokens(again, ISSUER, AUDIENCE, Duration.ofMinutes(15), clock),
                Optional.empty(), HttpClient.newHttpClient(), clock);
        assertThat(restarted.decode(token.value()).subject()).isEqualTo(user.toString());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys")))).isEqualTo("rwx------");
        try (var files = Files.list(dir.resolve("keys"))) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(f ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
    }

    @Test
    void a_key_rotates_at_start_once_it_reaches_its_maximum_age() {
        var first = keys.active().kid();
        clock.advance(Duration.ofDays(89));
        assertThat(keys.rotateIfOlderThan(Duration.ofDays(90))).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(keys.rotateIfOlderThan(Duration.ofDays(90))).isPresent();
        assertThat(keys.active().kid()).isNotEqualTo(first);
        assertThat(keys.verifyingKey(first)).as("still verifies its last tokens").isPresent();
    }

    @Test
    void the_jwks_publishes_okp_public_keys_only() {
        var json = new Jwks(keys).json();
        assertThat(json).contains("\"kty\":\"OKP\"", "\"crv\":\"Ed25519\"", "\"alg\":\"EdDSA\"", "\"kid\":\"" + keys.active().kid() + "\"")
                .doesNotContain("\"d\"");
    }

    @Test
    void the_key_entry_never_prints_its_private_key() {
        assertThat(keys.active().toString()).contains("***").doesNotContain(
                Base64.getEncoder().encodeToString(keys.active().privateKey().getEncoded()));
        assertThat(Instant.EPOCH).isNotNull();
    }
}
