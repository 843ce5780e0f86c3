package io.voicegate.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.voicegate.core.identity.TokenDecoder;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.VerifiedToken;
import io.voicegate.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingTokenDecoderTest {

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final AtomicInteger fullVerifications = new AtomicInteger();
    private final Instant expiry = clock.instant().plus(Duration.ofMinutes(15));
    private final String good = token(expiry);

    /** Accepts only {@link #good}, and only until its expiry plus the leeway, like the real verifier. */
    private final TokenDecoder strict = token -> {
        fullVerifications.incrementAndGet();
        if (!token.equals(good) || clock.instant().isAfter(expiry.plus(CachingTokenDecoder.LEEWAY))) {
            throw new Unauthenticated();
        }
        return new VerifiedToken(VerifiedToken.Source.VOICEGATE, "voicegate", "user-1", clock.instant(), Optional.empty());
    };

    private final CachingTokenDecoder decoder = new CachingTokenDecoder(strict, clock, 100, Duration.ofMinutes(15));

    @Test
    void a_token_that_passed_is_not_verified_again_until_it_expires() {
        var first = decoder.decode(good);
        clock.advance(Duration.ofMinutes(10));
        assertThat(decoder.decode(good)).isEqualTo(first);
        assertThat(fullVerifications).hasValue(1);
    }

    @Test
    void an_expired_token_is_refused_even_when_it_was_cached() {
        decoder.decode(good);
        clock.advance(Duration.ofMinutes(15).plus(CachingTokenDecoder.LEEWAY).plusSeconds(1));
        assertThatThrownBy(() -> decoder.decode(good)).isInstanceOf(Unauthenticated.class);
        assertThat(fullVerifications).hasValue(2);
    }

    @Test
    void refusals_are_never_remembered_and_a_changed_byte_is_verified_in_full() {
        decoder.decode(good);
        var tampered = good.substring(0, good.length() - 2) + (good.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(Unauthenticated.class);
        assertThat(fullVerifications).hasValue(3);
    }

    private static String token(Instant expiresAt) {
        return JWT.create().withSubject("user-1").withExpiresAt(expiresAt)
                .sign(Algorithm.HMAC256("only-used-to-shape-a-token-here"));
    }
}
