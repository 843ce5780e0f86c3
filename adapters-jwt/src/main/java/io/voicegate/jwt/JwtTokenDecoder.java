package io.voicegate.jwt;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.voicegate.core.identity.TokenDecoder;
import io.voicegate.core.identity.Unauthenticated;
import io.voicegate.core.identity.VerifiedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The server's {@link TokenDecoder}: refuses what java-jwt would let through ({@code crit}, and any header that
 * points at or embeds a key: {@code jku}, {@code x5u}, {@code jwk}, {@code x5c}), then hands the token to
 * Voicegate's own verifier or to the one external provider, by its {@code iss}. Every refusal is the same
 * {@link Unauthenticated}; the reason goes to the debug log only (never the token). Thread-safe.
 */
public final class JwtTokenDecoder implements TokenDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenDecoder.class);
    private static final List<String> FORBIDDEN_HEADERS = List.of("crit", "jku", "x5u", "jwk", "x5c");
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final VoicegateTokens own;
    private final Optional<ExternalTokens> external;

    public JwtTokenDecoder(VoicegateTokens own, Optional<ExternalIssuer> external, HttpClient http, Clock clock) {
        this.own = own;
        this.external = external.map(settings -> new ExternalTokens(settings, http, clock));
        if (this.external.filter(e -> e.issuer().equals(own.issuer())).isPresent()) {
            throw new IllegalArgumentException("the external issuer must differ from Voicegate's own issuer");
        }
    }

    @Override
    public VerifiedToken decode(String token) {
        try {
            if (token.length() > MAX_TOKEN_LENGTH) throw new JWTVerificationException("too long");
            var jwt = JWT.decode(token);
            for (var header : FORBIDDEN_HEADERS) {
                if (!jwt.getHeaderClaim(header).isMissing()) throw new JWTVerificationException("header " + header);
            }
            if (jwt.getAlgorithm() == null || jwt.getAlgorithm().equalsIgnoreCase("none")) {
                throw new JWTVerificationException("alg none");
            }
            return route(jwt);
        } catch (JWTVerificationException e) {
            LOG.debug("Bearer token refused: {}", e.getClass().getSimpleName());
            throw new Unauthenticated();
        }
    }

    int externalJwksFetches() {
        return external.map(ExternalTokens::jwksFetches).orElse(0);
    }

    private VerifiedToken route(DecodedJWT jwt) {
        var issuer = jwt.getIssuer();
        if (own.issuer().equals(issuer)) return own.verify(jwt);
        var provider = external.filter(e -> e.issuer().equals(issuer));
        if (provider.isPresent()) return provider.get().verify(jwt);
        throw new JWTVerificationException("unknown issuer");
    }
}
