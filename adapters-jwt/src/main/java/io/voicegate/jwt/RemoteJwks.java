package io.voicegate.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An external provider's public keys (RSA and P-256 EC) from its JWKS URL, cached by {@code kid}. An unknown kid
 * refetches the set, at most once a minute, so a flood of made-up kids cannot turn into a flood of requests.
 * Thread-safe.
 */
final class RemoteJwks {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private volatile Map<String, PublicKey> keys = Map.of();
    private Instant lastFetch = Instant.MIN;
    private int fetches;

    RemoteJwks(URI url, HttpClient http, Clock clock) {
        this.url = url;
        this.http = http;
        this.clock = clock;
    }

    Optional<PublicKey> key(String kid) {
        var known = keys.get(kid);
        if (known != null) return Optional.of(known);
        synchronized (this) {
            known = keys.get(kid);
            if (known != null) return Optional.of(known);
            var now = clock.instant();
            if (now.isBefore(lastFetch.plus(REFETCH_INTERVAL))) return Optional.empty();
            lastFetch = now;
            keys = fetch();
            return Optional.ofNullable(keys.get(kid));
        }
    }

    synchronized int fetches() {
        return fetches;
    }

    private Map<String, PublicKey> fetch() {
        fetches++;
        try {
            var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).header("Accept", "application/json").GET().build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                LOG.warn("External JWKS answered status {}; keeping the keys known so far", response.statusCode());
                return keys;
            }
            var parsed = new HashMap<String, PublicKey>();
            for (var jwk : MAPPER.readTree(response.body()).path("keys")) {
                var kid = jwk.path("kid").asText("");
                if (kid.isEmpty()) continue;
                parse(jwk).ifPresent(key -> parsed.put(kid, key));
            }
            return Map.copyOf(parsed);
        } catch (IOException e) {
            LOG.warn("External JWKS could not be fetched ({}); keeping the keys known so far", e.getClass().getSimpleName());
            return keys;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return keys;
        }
    }

    private static Optional<PublicKey> parse(JsonNode jwk) {
        try {
            var use = jwk.path("use").asText("sig");
            if (!use.equals("sig")) return Optional.empty();
            switch (jwk.path("kty").asText("")) {
                case "RSA": {
                    var spec = new RSAPublicKeySpec(number(jwk, "n"), number(jwk, "e"));
                    return Optional.of(KeyFactory.getInstance("RSA").generatePublic(spec));
                }
                case "EC": {
                    if (!jwk.path("crv").asText("").equals("P-256")) return Optional.empty();
                    var parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec("secp256r1"));
                    var spec = new ECPublicKeySpec(new ECPoint(number(jwk, "x"), number(jwk, "y")),
                            parameters.getParameterSpec(ECParameterSpec.class));
                    return Optional.of(KeyFactory.getInstance("EC").generatePublic(spec));
                }
                default:
                    return Optional.empty();
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BigInteger number(JsonNode jwk, String member) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path(member).asText("")));
    }
}
